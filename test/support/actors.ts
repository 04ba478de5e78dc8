import { ApiKeyScope, Role } from '../../src/common/auth/role.js';
import { RequestContext } from '../../src/common/context/request-context.js';
import { ApiKeyService } from '../../src/identity/api-key.service.js';
import { UserAdminService } from '../../src/identity/user-admin.service.js';
import { graphql } from './graphql.js';
import type { TestApp } from './test-app.js';

export type Headers = Record<string, string>;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** `Authorization: Bearer <access token>` of a fresh session. */
  headers: Headers;
  /** The refresh cookie of that session, as a `Cookie` header value. */
  cookie: string;
}

export interface TestApiKey {
  id: string;
  secret: string;
  headers: Headers;
}

let counter = 0;

const LOGIN = graphql('mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }');

/**
 * Callers for e2e tests: users and keys are created through the app's own services (no GraphQL admin
 * needed), and users sign in through the real `login` mutation. The catalogue seed must have run
 * (`env: { SEED_ON_START: 'true' }`) for partner and section codes to exist.
 */
export class Actors {
  private readonly cache = new Map<string, Promise<TestUser>>();

  constructor(private readonly t: TestApp) {}

  /** One administrator per app (memoised). */
  asAdmin(): Promise<Headers> {
    return this.memo('admin', () => this.user({ role: Role.ADMIN })).then((u) => u.headers);
  }

  asPartner(partnerCode: string): Promise<Headers> {
    return this.memo(`partner:${partnerCode}`, () => this.user({ role: Role.PARTNER_LIAISON, partnerCode })).then((u) => u.headers);
  }

  asStaff(...sectionCodes: string[]): Promise<Headers> {
    return this.memo(`staff:${sectionCodes.join(',')}`, () => this.user({ role: Role.SECTION_STAFF, sectionCodes })).then((u) => u.headers);
  }

  asCoordinator(...coveredPartnerCodes: string[]): Promise<Headers> {
    return this.memo(`coordinator:${coveredPartnerCodes.join(',')}`, () => this.user({ role: Role.COORDINATOR, coveredPartnerCodes })).then((u) => u.headers);
  }

  async asApiKey(scope: ApiKeyScope, target: { partnerCode?: string; sectionCode?: string } = {}): Promise<Headers> {
    return (await this.apiKey(scope, target)).headers;
  }

  /** A new user, signed in. */
  async user(input: { role: Role; partnerCode?: string; sectionCodes?: string[]; coveredPartnerCodes?: string[]; email?: string; password?: string }): Promise<TestUser> {
    counter += 1;
    const email = input.email ?? `${input.role.toLowerCase()}.${counter}.${Date.now()}@test.example.org`;
    const password = input.password ?? `correct horse battery ${counter} staple`;
    const { user } = await this.t.app.get(UserAdminService).create(RequestContext.system(), {
      email,
      displayName: `Test ${input.role} ${counter}`,
      role: input.role,
      partnerCode: input.partnerCode,
      sectionCodes: input.sectionCodes,
      coveredPartnerCodes: input.coveredPartnerCodes,
      password,
    });
    return { id: user.id, email, password, ...(await this.login(email, password)) };
  }

  /** Signs in through the GraphQL API, returning the bearer header and the refresh cookie. */
  async login(email: string, password: string): Promise<{ headers: Headers; cookie: string }> {
    const res = await this.t.gql(LOGIN, { e: email, p: password });
    if (!res.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
    return { headers: { authorization: `Bearer ${res.data.login.accessToken}` }, cookie: refreshCookie(res.headers) };
  }

  async apiKey(scope: ApiKeyScope, target: { partnerCode?: string; sectionCode?: string; expiresAt?: Date } = {}): Promise<TestApiKey> {
    counter += 1;
    const { apiKey, secret } = await this.t.app.get(ApiKeyService).create(RequestContext.system(), { name: `test key ${counter}`, scope, ...target });
    return { id: apiKey.id, secret, headers: { authorization: `Bearer ${secret}` } };
  }

  private memo(key: string, make: () => Promise<TestUser>): Promise<TestUser> {
    let found = this.cache.get(key);
    if (!found) {
      found = make();
      this.cache.set(key, found);
    }
    return found;
  }
}

export function actors(t: TestApp): Actors {
  return new Actors(t);
}

/** `pcp_refresh=<value>` from a response's Set-Cookie headers, or '' when none was set. */
export function refreshCookie(headers: globalThis.Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('pcp_refresh='));
  return cookie ? cookie.split(';')[0]! : '';
}

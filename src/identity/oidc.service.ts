import { Injectable, Logger } from '@nestjs/common';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { Strategy as PassportStrategy } from 'passport';
import * as client from 'openid-client';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { PortalOidcStrategy } from './passport/oidc.strategy.js';
import { runStrategy } from './passport/run-strategy.js';
import { SessionService, type StartedSession } from './session.service.js';
import { UserAdminService } from './user-admin.service.js';
import { UserRepository } from './user.repository.js';

/** Why a single sign-on was refused: a stable code the web app shows as a message in the user's language. */
export type SsoFailure =
  | 'not_configured' | 'provider_unavailable' | 'bad_state' | 'wrong_issuer' | 'code_rejected' | 'denied'
  | 'email_unverified' | 'no_email' | 'no_role' | 'bad_claims' | 'inactive' | 'linked_elsewhere' | 'failed';

export const SSO_MESSAGES: Record<SsoFailure, string> = {
  not_configured: 'Single sign-on is not configured on this portal.',
  provider_unavailable: 'Your organisation’s sign-in service could not be reached. Try again in a moment.',
  bad_state: 'This sign-in response does not belong to a sign-in started in this browser (or it has expired). Start again.',
  wrong_issuer: 'The sign-in response came from another identity provider than the one this portal trusts.',
  code_rejected: 'Your organisation’s sign-in service refused the sign-in code: it was already used or has expired. Start again.',
  denied: 'The sign-in was cancelled or refused at your organisation.',
  email_unverified: 'Your organisation has not verified the email address of your account, so it cannot be used here. Ask your organisation’s administrators.',
  no_email: 'Your organisation did not send an email address for your account.',
  no_role: 'Your organisation account has no role on this portal. Ask a portal administrator for access.',
  bad_claims: 'Your organisation sent a section or partner this portal does not know. Ask a portal administrator.',
  inactive: 'Your account on this portal is deactivated. Ask a portal administrator.',
  linked_elsewhere: 'The portal account with this email address is linked to another organisation account.',
  failed: 'The sign-in with your organisation could not be completed. Start again.',
};

export class SsoRefusal extends Error {
  constructor(readonly reason: SsoFailure, readonly detail?: string) {
    super(SSO_MESSAGES[reason]);
  }
}

/** What the browser carries between the redirect to the provider and the callback: sealed, ten minutes. */
interface PendingSignIn {
  state: Record<string, unknown>;
}

const STATE_COOKIE_SECONDS = 600;
const SESSION_KEY = 'oidc';

interface CallbackRequest {
  ctx: RequestContext;
  method: 'GET';
  url: string;
  session: Record<string, unknown>;
}

function values(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(claim) ? claim.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Single sign-on with an OpenID Connect provider (authorization code + PKCE, state, nonce-free: the code is bound
 * by PKCE) through openid-client's passport strategy. `begin` returns the provider URL and a sealed cookie holding
 * the PKCE verifier and state; `complete` checks the callback against it (state, issuer, code, ID token), reads the
 * claims (ID token and userinfo), and finds, links (by verified email) or provisions the account.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private strategy?: Promise<PortalOidcStrategy>;
  /** The provider's discovered configuration (set with the strategy). */
  private configuration?: client.Configuration;
  private readonly sealKey: Uint8Array;

  constructor(
    private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly admin: UserAdminService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {
    // Shared by every instance that shares JWT_SECRET, so a callback may land on another instance.
    this.sealKey = config.JWT_SECRET ? createHash('sha256').update(`pcp-oidc-state\0${config.JWT_SECRET}`).digest() : randomBytes(32);
  }

  get enabled(): boolean {
    return this.config.OIDC_ISSUER !== undefined;
  }

  get redirectUri(): string {
    return this.config.OIDC_REDIRECT_URI ?? `${this.config.publicUrl}/auth/oidc/callback`;
  }

  /** The provider's authorization URL, and the sealed cookie value to set for the callback. */
  async begin(ctx: RequestContext): Promise<{ redirect: string; cookie: string }> {
    const strategy = await this.strategyOrRefuse();
    const session: Record<string, unknown> = {};
    const outcome = await runStrategy(strategy as unknown as PassportStrategy, { ctx, method: 'GET', url: '/auth/oidc/login', session });
    if (outcome.ok || !outcome.redirect) throw new SsoRefusal('failed', 'no redirect');
    const pending: PendingSignIn = { state: session[SESSION_KEY] as Record<string, unknown> };
    const cookie = await new EncryptJWT({ ...pending })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${STATE_COOKIE_SECONDS}s`)
      .encrypt(this.sealKey);
    return { redirect: outcome.redirect, cookie };
  }

  /** Completes the sign-in of a callback (`url`: its path and query) with the browser's sealed cookie; starts a session. */
  async complete(ctx: RequestContext, url: string, cookie: string | undefined, userAgent: string | undefined): Promise<{ userId: string; session: StartedSession }> {
    const strategy = await this.strategyOrRefuse();
    const pending = await this.unseal(cookie);
    const request: CallbackRequest = { ctx, method: 'GET', url, session: { [SESSION_KEY]: pending.state } };
    let outcome;
    try {
      outcome = await runStrategy<string>(strategy as unknown as PassportStrategy, request);
    } catch (error) {
      throw error instanceof SsoRefusal ? error : this.classify(error);
    }
    if (!outcome.ok) throw new SsoRefusal(/state/i.test(outcome.message ?? '') ? 'bad_state' : 'denied', outcome.message);
    const userId = outcome.user;
    const session = await this.unitOfWork.run(ctx, async (tx) => {
      await this.users.recordSsoLogin(tx, userId);
      const started = await this.sessions.start(tx, userId, ctx.ip, userAgent, 'oidc');
      await this.audit.record(tx, 'auth.login', { type: 'User', id: userId }, { sessionId: started.sessionId, method: 'oidc', issuer: this.config.OIDC_ISSUER });
      return started;
    });
    return { userId, session };
  }

  async recordFailure(ctx: RequestContext, refusal: SsoRefusal): Promise<void> {
    await this.audit.record(ctx, 'auth.sso_failed', null, { reason: refusal.reason, ...(refusal.detail ? { detail: refusal.detail.slice(0, 300) } : {}) });
  }

  /** The verify step of the strategy: the claims decide who this is. */
  private async signIn(ctx: RequestContext, tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): Promise<string> {
    const idClaims = tokens.claims();
    if (!idClaims || !this.configuration) throw new SsoRefusal('failed', 'no ID token');
    const userInfo = await client.fetchUserInfo(this.configuration, tokens.access_token, idClaims.sub);
    const claims: Record<string, unknown> = { ...userInfo, ...idClaims };
    const issuer = String(idClaims.iss);
    const subject = idClaims.sub;
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email) throw new SsoRefusal('no_email');
    if (claims.email_verified !== true) throw new SsoRefusal('email_unverified');

    return this.unitOfWork.run(ctx, async (tx) => {
      const existing = await this.users.forSso(tx, issuer, subject, email);
      if (existing) {
        if (!existing.active) throw new SsoRefusal('inactive');
        if (!existing.linked) {
          if (existing.ssoSubject !== null) throw new SsoRefusal('linked_elsewhere');
          await this.users.linkSso(tx, existing.id, issuer, subject);
          await this.audit.record(tx, 'user.sso_linked', { type: 'User', id: existing.id }, { issuer, email });
        }
        return existing.id;
      }
      const role = this.roleOf(claims);
      const partners = values(claims[this.config.OIDC_PARTNERS_CLAIM]);
      const sections = values(claims[this.config.OIDC_SECTIONS_CLAIM]);
      const displayName = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
      try {
        return await this.admin.provisionFromSso(tx, {
          email,
          displayName,
          role,
          partnerCode: role === Role.PARTNER_LIAISON ? (partners[0] ?? null) : null,
          sectionCodes: role === Role.SECTION_STAFF ? sections : [],
          coveredPartnerCodes: role === Role.COORDINATOR ? partners : [],
          issuer,
          subject,
        });
      } catch (error) {
        if (error instanceof DomainError) throw new SsoRefusal('bad_claims', error.message);
        throw error;
      }
    });
  }

  private roleOf(claims: Record<string, unknown>): Role {
    const held = new Set(values(claims[this.config.OIDC_ROLE_CLAIM]));
    for (const pair of this.config.OIDC_ROLE_MAP.split(',').filter(Boolean)) {
      const [value, role] = pair.split('=');
      if (held.has(value!)) return role as Role;
    }
    if (this.config.OIDC_DEFAULT_ROLE) return this.config.OIDC_DEFAULT_ROLE as Role;
    throw new SsoRefusal('no_role');
  }

  private async unseal(cookie: string | undefined): Promise<PendingSignIn> {
    if (!cookie) throw new SsoRefusal('bad_state', 'no state cookie');
    try {
      const { payload } = await jwtDecrypt(cookie, this.sealKey);
      return payload as unknown as PendingSignIn;
    } catch {
      throw new SsoRefusal('bad_state', 'state cookie unreadable or expired');
    }
  }

  /** openid-client's refusals, by what they are about (the specific reason is in the chain of causes). */
  private classify(error: unknown): SsoRefusal {
    const chain: { message?: string; code?: string; error?: string }[] = [];
    for (let e = error as { message?: string; code?: string; error?: string; cause?: unknown } | undefined; e && chain.length < 4; e = e.cause as typeof e) {
      if (typeof e !== 'object') break;
      chain.push(e);
    }
    const messages = chain.map((e) => e.message ?? '').join(' | ');
    const detail = `${chain[0]?.code ?? ''} ${messages}`.trim();
    if (/"state"/.test(messages)) return new SsoRefusal('bad_state', detail);
    if (/"iss" \(issuer\)/.test(messages)) return new SsoRefusal('wrong_issuer', detail);
    if (chain.some((e) => e.error === 'invalid_grant')) return new SsoRefusal('code_rejected', detail);
    if (chain.some((e) => e.error === 'access_denied')) return new SsoRefusal('denied', detail);
    this.logger.warn({ err: error }, 'single sign-on failed');
    return new SsoRefusal('failed', detail);
  }

  private async strategyOrRefuse(): Promise<PortalOidcStrategy> {
    if (!this.enabled) throw new SsoRefusal('not_configured');
    this.strategy ??= this.discover().catch((error: unknown) => {
      this.strategy = undefined;
      this.logger.warn({ err: error }, 'OpenID Connect discovery failed');
      throw new SsoRefusal('provider_unavailable', String((error as Error).message ?? error));
    });
    return this.strategy;
  }

  private async discover(): Promise<PortalOidcStrategy> {
    const issuer = new URL(this.config.OIDC_ISSUER!);
    // Plain http only outside production (a provider on the same machine in development and tests).
    const insecure = issuer.protocol === 'http:' && !this.config.isProduction;
    const configuration = await client.discovery(issuer, this.config.OIDC_CLIENT_ID!, this.config.OIDC_CLIENT_SECRET!, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined);
    this.configuration = configuration;
    return new PortalOidcStrategy(
      { config: configuration, scope: this.config.OIDC_SCOPES, callbackURL: this.redirectUri, passReqToCallback: true, sessionKey: SESSION_KEY },
      (req, tokens, verified) => {
        this.signIn((req as unknown as CallbackRequest).ctx, tokens).then(
          (userId) => verified(null, userId),
          (error: unknown) => verified(error),
        );
      },
      this.redirectUri,
    );
  }
}

import { Module, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Permission } from '../src/common/auth/permission.js';
import type { RequestContext } from '../src/common/context/request-context.js';
import type { TestApp } from './support/test-app.js';

/**
 * How catalogue tests act as an administrator while identity's sign-in is being built: with sign-in in
 * the app, they log in as the first administrator (created from ADMIN_EMAIL/ADMIN_PASSWORD); without it,
 * a test-only guard turns an `x-test-permissions` header into an actor holding those permissions.
 */
class TestActorGuard implements CanActivate {
  canActivate(execution: ExecutionContext): boolean {
    if (execution.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(execution).getContext<{ ctx: RequestContext; reply?: { request: { headers: Record<string, string | undefined> } } }>();
    const header = gql.reply?.request.headers['x-test-permissions'];
    if (header && !gql.ctx.actor) {
      gql.ctx.actor = {
        kind: 'user',
        id: 'test-admin',
        role: 'ADMIN',
        permissions: new Set(header.split(',').map((p) => p.trim()) as Permission[]),
        sectionIds: [],
        coveredPartnerIds: [],
      };
    }
    return true;
  }
}

@Module({ providers: [{ provide: APP_GUARD, useClass: TestActorGuard }] })
export class TestActorModule {}

export const ADMIN_ENV = {
  SEED_ON_START: 'true',
  CATALOGUE_PUBLIC: 'true',
  ADMIN_EMAIL: 'catalogue.admin@example.nato.int',
  ADMIN_PASSWORD: 'Catalogue-admin-passphrase-2025',
};

/** Headers that make a request come from a catalogue administrator. */
export async function adminHeaders(t: TestApp): Promise<Record<string, string>> {
  const login = await t.gql<{ login: { accessToken: string } }>(
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    { email: ADMIN_ENV.ADMIN_EMAIL, password: ADMIN_ENV.ADMIN_PASSWORD },
  );
  if (login.data?.login?.accessToken) return { authorization: `Bearer ${login.data.login.accessToken}` };
  return { 'x-test-permissions': 'Authenticated,ReadCatalogue,ManageCatalogue,ManageReferenceData' };
}

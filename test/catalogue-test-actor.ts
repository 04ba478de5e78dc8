import { Module, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Permission } from '../src/common/auth/permission.js';
import type { RequestContext } from '../src/common/context/request-context.js';

/**
 * Test-only stand-in for sign-in until identity's authentication lands: a request carrying
 * `x-test-permissions: ManageCatalogue,…` acts as a user holding those permissions.
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

export const AS_CATALOGUE_ADMIN = { 'x-test-permissions': 'ReadCatalogue,ManageCatalogue,ManageReferenceData' };

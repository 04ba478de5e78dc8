import { ApiKeyScope, Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';

/**
 * Who reaches a partner's plan (issue #17 item 1), decided by the domain: the plan is the partner's and NATO's
 * shared programme. The partner's liaison officers (and its partner-scoped keys) read it; coordinators covering the
 * partner and administrators read and edit it. A liaison officer proposes objectives for their own partner and may
 * edit them while they are PROPOSED (never the status): agreeing an objective is NATO's side of the table. Section
 * staff see an objective only through a request of theirs that links to it (CooperationRequest.objective), never the
 * whole plan.
 */
export type PlanReach = { all: true } | { partnerIds: readonly string[] };

export function planReach(ctx: RequestContext): PlanReach {
  const actor = ctx.actor;
  if (!actor) return { partnerIds: [] };
  if (actor.kind === 'user') {
    if (actor.role === Role.ADMIN) return { all: true };
    if (actor.role === Role.COORDINATOR) return { partnerIds: actor.coveredPartnerIds };
    if (actor.role === Role.PARTNER_LIAISON && actor.partnerId) return { partnerIds: [actor.partnerId] };
  }
  if (actor.kind === 'apiKey' && actor.role === ApiKeyScope.PARTNER && actor.partnerId) return { partnerIds: [actor.partnerId] };
  return { partnerIds: [] };
}

export function readsPlan(ctx: RequestContext, partnerId: string): boolean {
  const reach = planReach(ctx);
  return 'all' in reach || reach.partnerIds.includes(partnerId);
}

/** Edits objectives freely (any field, any status): covering coordinators and administrators. */
export function managesPlan(ctx: RequestContext, partnerId: string): boolean {
  const actor = ctx.actor;
  if (actor?.kind !== 'user') return false;
  return actor.role === Role.ADMIN || (actor.role === Role.COORDINATOR && actor.coveredPartnerIds.includes(partnerId));
}

/** Proposes objectives (status PROPOSED) for the partner: its liaison officers. */
export function proposesForPlan(ctx: RequestContext, partnerId: string): boolean {
  const actor = ctx.actor;
  return actor?.kind === 'user' && actor.role === Role.PARTNER_LIAISON && actor.partnerId === partnerId;
}

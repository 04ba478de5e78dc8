import { Permission } from '../common/auth/permission.js';
import { ApiKeyScope, Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';

/**
 * The one place that decides which requests a caller reaches; lists, single reads, mutations, nested
 * fields and statistics all go through it, so they cannot disagree. A request outside the scope is
 * reported as not found.
 *
 * - liaison officer / partner-scoped key: their partner's requests (never-submitted drafts only to the officers);
 * - section staff / section-scoped key: requests routed to their sections;
 * - coordinator: requests of the partners they cover;
 * - administrator: everything submitted.
 */
export interface RequestScope {
  /** SQL condition on alias `alias`, with named parameters. */
  sql: string;
  params: Record<string, unknown>;
}

interface ScopedRow {
  partnerId: string;
  routedSectionId: string | null;
  /** Never submitted (a draft, or a draft withdrawn): the partner's own business. */
  submittedAt: Date | null;
}

type Reach =
  | { kind: 'all' }
  | { kind: 'partner'; partnerId: string; drafts: boolean }
  | { kind: 'sections'; sectionIds: readonly string[] }
  | { kind: 'partners'; partnerIds: readonly string[] }
  | { kind: 'none' };

function reachOf(ctx: RequestContext): Reach {
  const actor = ctx.actor;
  if (!actor || !ctx.can(Permission.ReadRequests)) return { kind: 'none' };
  if (actor.kind === 'user') {
    switch (actor.role) {
      case Role.PARTNER_LIAISON:
        return actor.partnerId ? { kind: 'partner', partnerId: actor.partnerId, drafts: true } : { kind: 'none' };
      case Role.SECTION_STAFF:
        return { kind: 'sections', sectionIds: actor.sectionIds };
      case Role.COORDINATOR:
        return { kind: 'partners', partnerIds: actor.coveredPartnerIds };
      case Role.ADMIN:
        return { kind: 'all' };
      default:
        return { kind: 'none' };
    }
  }
  if (actor.kind === 'apiKey') {
    if (actor.role === ApiKeyScope.PARTNER && actor.partnerId) return { kind: 'partner', partnerId: actor.partnerId, drafts: false };
    if (actor.role === ApiKeyScope.SECTION) return { kind: 'sections', sectionIds: actor.sectionIds };
  }
  return { kind: 'none' };
}

export function requestScope(ctx: RequestContext, alias = 'r'): RequestScope {
  const reach = reachOf(ctx);
  const notDraft = `${alias}.submitted_at IS NOT NULL`;
  switch (reach.kind) {
    case 'all':
      return { sql: notDraft, params: {} };
    case 'partner':
      return { sql: `${alias}.partner_id = :scopePartnerId${reach.drafts ? '' : ` AND ${notDraft}`}`, params: { scopePartnerId: reach.partnerId } };
    case 'sections':
      return { sql: `${alias}.routed_section_id = ANY(:scopeSectionIds::uuid[]) AND ${notDraft}`, params: { scopeSectionIds: [...reach.sectionIds] } };
    case 'partners':
      return { sql: `${alias}.partner_id = ANY(:scopePartnerIds::uuid[]) AND ${notDraft}`, params: { scopePartnerIds: [...reach.partnerIds] } };
    default:
      return { sql: 'false', params: {} };
  }
}

/** The same rule in memory, for rows already loaded (nested fields, participants). */
export function canReadRequest(ctx: RequestContext, row: ScopedRow): boolean {
  const reach = reachOf(ctx);
  const draft = row.submittedAt === null;
  switch (reach.kind) {
    case 'all':
      return !draft;
    case 'partner':
      return row.partnerId === reach.partnerId && (reach.drafts || !draft);
    case 'sections':
      return !draft && row.routedSectionId !== null && reach.sectionIds.includes(row.routedSectionId);
    case 'partners':
      return !draft && reach.partnerIds.includes(row.partnerId);
    default:
      return false;
  }
}

/** Internal notes (and their timeline events) are for NATO staff: never a partner's users or partner-scoped keys. */
export function seesInternalNotes(ctx: RequestContext): boolean {
  const reach = reachOf(ctx);
  return reach.kind === 'all' || reach.kind === 'sections' || reach.kind === 'partners';
}

/** Whether the caller acts on this request as its partner (liaison officer of that partner). */
export function isRequestPartner(ctx: RequestContext, row: { partnerId: string }): boolean {
  return ctx.actor?.kind === 'user' && ctx.actor.role === Role.PARTNER_LIAISON && ctx.actor.partnerId === row.partnerId;
}

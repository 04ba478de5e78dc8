import { Permission } from '../common/auth/permission.js';
import { ApiKeyScope, Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UNDECIDED_STATUSES } from './request.enums.js';

/**
 * The one place that decides which requests a caller reaches; lists, single reads, mutations, nested
 * fields and statistics all go through it, so they cannot disagree. A request outside the scope is
 * reported as not found.
 *
 * - liaison officer / partner-scoped key: their partner's requests (never-submitted drafts only to the officers);
 * - section staff / section-scoped key: requests routed to their sections;
 * - coordinator: requests of the partners they cover;
 * - administrator: everything submitted.
 *
 * Participants' personal data (names, emails, clearances) is narrower: see personalDataAccess.
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

/**
 * A caller's reach as one conjunction of conditions on a request row: the SQL form (requestScope) and the
 * in-memory form (canReadRequest) are two readings of this one value, so they cannot disagree.
 */
export interface Reach {
  /** Reaches nothing (the other fields are then ignored). */
  nothing?: true;
  /** Only this partner's requests. */
  partnerId?: string;
  /** Only these partners' requests. */
  partnerIds?: readonly string[];
  /** Only requests routed to these sections. */
  sectionIds?: readonly string[];
  /** Never-submitted requests too (the partner's own liaison officers). */
  drafts: boolean;
  /** Sees internal notes and their timeline entries (NATO staff). */
  internal: boolean;
  /**
   * Sees the participants' personal data of the requests it reaches: the partner's own users, the routed
   * section's staff, covering coordinators, and API keys granted it. Not administrators (revealParticipants).
   */
  personalData: boolean;
}

const NOTHING: Reach = { nothing: true, drafts: false, internal: false, personalData: false };

export function reachOf(ctx: RequestContext): Reach {
  const actor = ctx.actor;
  if (!actor || !ctx.can(Permission.ReadRequests)) return NOTHING;
  if (actor.kind === 'user') {
    switch (actor.role) {
      case Role.PARTNER_LIAISON:
        return actor.partnerId ? { partnerId: actor.partnerId, drafts: true, internal: false, personalData: true } : NOTHING;
      case Role.SECTION_STAFF:
        return { sectionIds: actor.sectionIds, drafts: false, internal: true, personalData: true };
      case Role.COORDINATOR:
        return { partnerIds: actor.coveredPartnerIds, drafts: false, internal: true, personalData: true };
      case Role.ADMIN:
        // A wide view, not a responsibility for the people: participants only through revealParticipants.
        return { drafts: false, internal: true, personalData: false };
      default:
        return NOTHING;
    }
  }
  if (actor.kind === 'apiKey') {
    // Keys see personal data only with the grant set when the key was created.
    const personalData = actor.personalData === true;
    if (actor.role === ApiKeyScope.PARTNER && actor.partnerId) return { partnerId: actor.partnerId, drafts: false, internal: false, personalData };
    if (actor.role === ApiKeyScope.SECTION) return { sectionIds: actor.sectionIds, drafts: false, internal: true, personalData };
  }
  return NOTHING;
}

/** The reach as a SQL condition on alias `alias`, with named parameters (every statement on requests uses it). */
export function requestScope(ctx: RequestContext, alias = 'r'): RequestScope {
  return scopeOf(reachOf(ctx), alias);
}

export function scopeOf(reach: Reach, alias = 'r'): RequestScope {
  if (reach.nothing) return { sql: 'false', params: {} };
  const sql: string[] = [];
  const params: Record<string, unknown> = {};
  if (reach.partnerId !== undefined) {
    sql.push(`${alias}.partner_id = :scopePartnerId`);
    params.scopePartnerId = reach.partnerId;
  }
  if (reach.partnerIds !== undefined) {
    sql.push(`${alias}.partner_id = ANY(:scopePartnerIds::uuid[])`);
    params.scopePartnerIds = [...reach.partnerIds];
  }
  if (reach.sectionIds?.length === 1) {
    // Equality, not ANY: an index on (routed_section_id, due date) then yields the queue already in order
    // (cooperation_request_open_queue_idx), where ANY makes PostgreSQL sort every open request of the section.
    sql.push(`${alias}.routed_section_id = :scopeSectionId::uuid`);
    params.scopeSectionId = reach.sectionIds[0];
  } else if (reach.sectionIds !== undefined) {
    sql.push(`${alias}.routed_section_id = ANY(:scopeSectionIds::uuid[])`);
    params.scopeSectionIds = [...reach.sectionIds];
  }
  if (!reach.drafts) sql.push(`${alias}.submitted_at IS NOT NULL`);
  return { sql: sql.length ? sql.join(' AND ') : 'true', params };
}

/** The same rule in memory, for rows already loaded (nested fields: participants, timeline, comments, transitions). */
export function canReadRequest(ctx: RequestContext, row: ScopedRow): boolean {
  return reaches(reachOf(ctx), row);
}

export function reaches(reach: Reach, row: ScopedRow): boolean {
  if (reach.nothing) return false;
  if (reach.partnerId !== undefined && row.partnerId !== reach.partnerId) return false;
  if (reach.partnerIds !== undefined && !reach.partnerIds.includes(row.partnerId)) return false;
  if (reach.sectionIds !== undefined && (row.routedSectionId === null || !reach.sectionIds.includes(row.routedSectionId))) return false;
  return reach.drafts || row.submittedAt !== null;
}

/**
 * Whether the caller sees this request's participants (names, emails, clearances): the request must be in
 * reach and the reach must carry personal data. Everyone else in reach sees participantCount only;
 * administrators read them through revealParticipants, which records their reason.
 */
export function personalDataAccess(ctx: RequestContext, row: ScopedRow): boolean {
  const reach = reachOf(ctx);
  return reach.personalData && reaches(reach, row);
}

/** Internal notes (and their timeline events) are for NATO staff: never a partner's users or partner-scoped keys. */
export function seesInternalNotes(ctx: RequestContext): boolean {
  return reachOf(ctx).internal;
}

/**
 * Who links a submitted request in reach to another objective of its partner's plan (linkRequestObjective): whoever
 * handles it (TriageRequests: the routed section's staff, covering coordinators) at any status, since completed
 * activities are reported against objectives too; the partner's liaison officers until a decision.
 */
export function mayLinkObjective(ctx: RequestContext, row: ScopedRow & { status: string }): boolean {
  if (row.status === 'DRAFT' || !canReadRequest(ctx, row)) return false;
  // Before a decision the partner may still change what a request serves.
  if (isRequestPartner(ctx, row)) return (UNDECIDED_STATUSES as readonly string[]).includes(row.status);
  return ctx.can(Permission.TriageRequests);
}

/** Whether the caller acts on this request as its partner (liaison officer of that partner). */
export function isRequestPartner(ctx: RequestContext, row: { partnerId: string }): boolean {
  return ctx.actor?.kind === 'user' && ctx.actor.role === Role.PARTNER_LIAISON && ctx.actor.partnerId === row.partnerId;
}

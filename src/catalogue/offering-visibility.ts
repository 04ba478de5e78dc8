import { Permission } from '../common/auth/permission.js';
import type { RequestContext } from '../common/context/request-context.js';
import { OfferingStatus } from './catalogue.enums.js';

/**
 * The one rule for which offerings a caller may see, used by lists and single reads alike: catalogue
 * managers see what they ask for (every status by default), everyone else only PUBLISHED offerings.
 */
export function visibleStatuses(ctx: RequestContext, requested?: OfferingStatus[] | null): OfferingStatus[] {
  if (ctx.can(Permission.ManageCatalogue)) return requested?.length ? requested : Object.values(OfferingStatus);
  return requested?.length ? requested.filter((s) => s === OfferingStatus.PUBLISHED) : [OfferingStatus.PUBLISHED];
}

/**
 * Offerings a caller may see where something they already see names them (a request's offering, a routing
 * rule's): catalogue managers every status; everyone else also ARCHIVED ones (a request keeps showing what it
 * asked for), never a DRAFT, which is not public yet. Every loader of offerings by id applies it.
 */
export function referencedStatuses(ctx: RequestContext): OfferingStatus[] {
  if (ctx.can(Permission.ManageCatalogue)) return Object.values(OfferingStatus);
  return [OfferingStatus.PUBLISHED, OfferingStatus.ARCHIVED];
}

/**
 * Who is reading, for releasability: NATO staff (users not acting for a partner, section-scoped keys, system work)
 * see every marking; a partner's users and keys see what is released to their partner; a catalogue-scoped key (an
 * integration that may run outside NATO, e.g. a national training database) sees what every partner may see; an
 * anonymous reader of a public catalogue sees PUBLIC offerings only.
 */
export type OfferingViewer = { kind: 'staff' } | { kind: 'anonymous' } | { kind: 'integration' } | { kind: 'partner'; partnerId: string };

export function viewerOf(ctx: RequestContext): OfferingViewer {
  const actor = ctx.actor;
  if (!actor) return { kind: 'anonymous' };
  if (actor.partnerId) return { kind: 'partner', partnerId: actor.partnerId };
  if (actor.kind === 'apiKey' && actor.sectionIds.length === 0) return { kind: 'integration' };
  return { kind: 'staff' };
}

/**
 * Offering `o` carries a marking of one of these scopes (releasability_marking.scope). The markings are read
 * once per statement (an InitPlan) and tested per row against the array: as `IN (subquery)` the planner joins
 * them, which cost a common search's counts ~4 ms over its 20,000 matches (bench/, common search).
 */
const MARKED = (scopes: string) => `o.releasability = ANY(ARRAY(SELECT code FROM releasability_marking WHERE scope IN (${scopes})))`;

/**
 * Offering `o` is released to partner :viewerPartner: a marking for every partner (PUBLIC, NATO UNCLASSIFIED),
 * or RELEASABLE TO that partner directly or through one of its frameworks.
 */
export const RELEASED_TO_PARTNER_SQL = `(${MARKED(`'PUBLIC', 'PARTNERS'`)}
  OR EXISTS (SELECT 1 FROM offering_releasable_partner rp WHERE rp.offering_id = o.id AND rp.partner_id = CAST(:viewerPartner AS uuid))
  OR EXISTS (SELECT 1 FROM offering_releasable_framework rf JOIN partner_framework vf ON vf.framework_id = rf.framework_id
             WHERE rf.offering_id = o.id AND vf.partner_id = CAST(:viewerPartner AS uuid)))`;

/** A suspended partner "can see nothing new": its catalogue (lists, search, facets, single reads) is empty. */
const NOT_SUSPENDED_SQL = `NOT EXISTS (SELECT 1 FROM partner vp WHERE vp.id = CAST(:viewerPartner AS uuid) AND vp.suspended)`;

export interface ViewerCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The conditions on alias `o` for the viewer. `browse`: the catalogue (lists, search, facets, the single
 * offering query), where a suspended partner sees nothing; `referenced`: an offering named by something the
 * viewer already sees (its own request, through the loaders), where releasability still applies but
 * suspension does not hide what the partner already asked for.
 */
export function viewerConditions(viewer: OfferingViewer, use: 'browse' | 'referenced'): ViewerCondition[] {
  switch (viewer.kind) {
    case 'staff':
      return [];
    case 'anonymous':
      return [{ sql: MARKED(`'PUBLIC'`), params: {} }];
    case 'integration':
      return [{ sql: MARKED(`'PUBLIC', 'PARTNERS'`), params: {} }];
    case 'partner': {
      const params = { viewerPartner: viewer.partnerId };
      return use === 'browse' ? [{ sql: NOT_SUSPENDED_SQL, params }, { sql: RELEASED_TO_PARTNER_SQL, params }] : [{ sql: RELEASED_TO_PARTNER_SQL, params }];
    }
  }
}

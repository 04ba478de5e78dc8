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

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

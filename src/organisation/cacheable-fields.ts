import type { CacheableFields } from '../common/graphql/response-cache.js';

/** Organisation's reference data the response cache may keep; see CATALOGUE_CACHEABLE_FIELDS for the rule. */
export const ORGANISATION_CACHEABLE_FIELDS: CacheableFields = {
  Query: ['sections', 'section', 'partners', 'partner', 'partnershipFrameworks', 'programmeFlags'],
  Section: ['acknowledgeTargetDays', 'children', 'code', 'decideTargetDays', 'id', 'kind', 'mailbox', 'name', 'nameEn', 'nameFr', 'parent', 'timeZone'],
  Partner: ['code', 'frameworks', 'id', 'kind', 'name', 'nameEn', 'nameFr', 'programmeFlags', 'suspended'],
  PartnershipFramework: ['code', 'id', 'name', 'nameEn', 'nameFr'],
  ProgrammeFlag: ['code', 'name', 'nameEn', 'nameFr', 'position'],
};

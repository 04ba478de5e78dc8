import type { CacheableFields } from '../common/graphql/response-cache.js';

/**
 * The catalogue's fields that the response cache may keep (GraphQLResponseCache): each reads only the
 * read-model tables (migration ReadModelChanges) and the caller's view. Listed by name on purpose: a field
 * added to these types is not cached until someone checks it belongs here. A field whose value depends on
 * the user (a "following" flag) or on tables outside the read model (requests) must never be listed.
 */
export const CATALOGUE_CACHEABLE_FIELDS: CacheableFields = {
  Query: ['offerings', 'offering', 'cooperationAreas', 'topics', 'releasabilityMarkings'],
  OfferingConnection: ['edges', 'pageInfo', 'totalCount', 'facets'],
  OfferingEdge: ['cursor', 'node'],
  PageInfo: ['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor'],
  OfferingFacets: ['areas', 'deliveryModes', 'kinds', 'sections', 'topics'],
  FacetCount: ['count', 'value'],
  Offering: [
    'areas', 'code', 'costNotes', 'createdAt', 'deliveryLanguages', 'deliveryMode', 'description', 'descriptionEn', 'descriptionFr',
    'eligibleFrameworks', 'eligiblePartners', 'eprimeReference', 'etocCode', 'id', 'isSample', 'iterations', 'kind', 'leadTimeDays',
    'nomineeRequirement', 'owningSection', 'prerequisites', 'provider', 'releasability', 'status', 'subtype', 'summary', 'summaryEn',
    'summaryFr', 'title', 'titleEn', 'titleFr', 'topics', 'updatedAt', 'version', 'costNotesEn', 'costNotesFr', 'prerequisitesEn',
    'prerequisitesFr', 'releasableToFrameworks', 'releasableToPartners', 'requiredProgrammeFlags',
  ],
  OfferingIteration: [
    'applicationDeadline', 'capacity', 'endDate', 'id', 'location', 'nomineeRequirement', 'partnerQuota', 'seatsAllocated', 'seatsAvailable',
    'startDate', 'status', 'locationEn', 'locationFr',
  ],
  ReleasabilityMarking: ['code', 'label', 'labelEn', 'labelFr', 'position', 'scope'],
  NomineeRequirement: ['language', 'minClearance', 'minSlp'],
  CooperationArea: ['code', 'description', 'descriptionEn', 'descriptionFr', 'id', 'name', 'nameEn', 'nameFr', 'position'],
  Topic: ['code', 'id', 'name', 'nameEn', 'nameFr'],
};

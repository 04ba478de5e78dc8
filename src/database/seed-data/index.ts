/**
 * Seed data for the Partner Cooperation Portal: pure data, no logic, no database code.
 * The natural default intake section (DEFAULT_SECTION_CODE) is 'PASP_PARTNERSHIPS'
 * (exported as seedDefaultSectionCode).
 */
export type {
  PartnerKind,
  SectionKind,
  OfferingKindCode,
  DeliveryModeCode,
  SeedFramework,
  SeedPartner,
  SeedArea,
  SeedTopic,
  SeedSection,
  SeedIteration,
  SeedOffering,
} from './types.js';
export { seedFrameworks } from './frameworks.js';
export { seedPartners } from './partners.js';
export { seedAreas } from './areas.js';
export { seedTopics } from './topics.js';
export { seedSections, seedDefaultSectionCode } from './sections.js';
export { seedOfferings } from './offerings.js';

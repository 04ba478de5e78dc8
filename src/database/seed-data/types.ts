/**
 * Seed data types for the Partner Cooperation Portal.
 *
 * These are plain data shapes only (no logic). The seed script / migration maps them onto the
 * TypeORM entities. All taxonomies (frameworks, partners, areas, topics, sections, offerings) are
 * DATA, editable by an administrator after seeding — never code branches.
 */

export type PartnerKind = 'NATION' | 'ORGANISATION';
export type SectionKind = 'DIVISION' | 'DIRECTORATE' | 'SECTION' | 'COMMAND' | 'SCHOOL' | 'CENTRE' | 'COE' | 'AGENCY' | 'STAFF';
export type OfferingKindCode = 'TRAINING_COURSE' | 'COE_COURSE' | 'E_LEARNING' | 'SPS_GRANT' | 'DCB_PACKAGE' | 'DEEP_PROGRAMME' | 'STAFF_TALKS' | 'EXPERT_BRIEFING' | 'EXERCISE' | 'ANALYSIS_SUPPORT' | 'LESSONS_LEARNED_EXCHANGE';
export type DeliveryModeCode = 'RESIDENT' | 'REMOTE' | 'MOBILE_TEAM' | 'HYBRID';
export interface SeedFramework { code: string; nameEn: string; nameFr: string; }
export interface SeedPartner { code: string; kind: PartnerKind; nameEn: string; nameFr: string; frameworkCodes: string[]; programmeFlags: string[]; suspended: boolean; }
export interface SeedArea { code: string; position: number; nameEn: string; nameFr: string; descriptionEn: string; }
export interface SeedTopic { code: string; nameEn: string; nameFr: string; }
export interface SeedSection { code: string; nameEn: string; nameFr: string; kind: SectionKind; parentCode: string | null; mailbox: string; timeZone: string; acknowledgeTargetDays: number; decideTargetDays: number; }
export interface SeedIteration { startInDays: number; durationDays: number; location: string; capacity: number; deadlineDaysBeforeStart: number; }
export interface SeedOffering {
  code: string; kind: OfferingKindCode; subtype?: string;
  titleEn: string; titleFr: string; summaryEn: string; summaryFr: string; descriptionEn: string; descriptionFr: string;
  areaCodes: string[]; topicCodes: string[];
  owningSectionCode: string; providerSectionCode: string;
  deliveryMode: DeliveryModeCode; deliveryLanguages: string[]; // ISO 639-1, e.g. ['en'] or ['en','fr']
  eligibleFrameworkCodes: string[]; eligiblePartnerCodes: string[]; // both empty = every non-suspended partner
  requiredProgrammeFlags?: string[]; // codes of programme_flag the partner must carry (DCB, DEEP)
  prerequisites: string | null; costNotes: string | null; leadTimeDays: number;
  eprimeReference: string | null; etocCode: string | null; releasability: string; // e.g. 'NATO UNCLASSIFIED', 'PUBLIC'
  iterations: SeedIteration[]; // relative to the seeding date
}

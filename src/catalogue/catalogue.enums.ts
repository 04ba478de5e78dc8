import { registerEnumType } from '@nestjs/graphql';

export enum OfferingKind {
  TRAINING_COURSE = 'TRAINING_COURSE',
  COE_COURSE = 'COE_COURSE',
  E_LEARNING = 'E_LEARNING',
  SPS_GRANT = 'SPS_GRANT',
  DCB_PACKAGE = 'DCB_PACKAGE',
  DEEP_PROGRAMME = 'DEEP_PROGRAMME',
  STAFF_TALKS = 'STAFF_TALKS',
  EXPERT_BRIEFING = 'EXPERT_BRIEFING',
  EXERCISE = 'EXERCISE',
  ANALYSIS_SUPPORT = 'ANALYSIS_SUPPORT',
  LESSONS_LEARNED_EXCHANGE = 'LESSONS_LEARNED_EXCHANGE',
}
registerEnumType(OfferingKind, { name: 'OfferingKind', description: 'The form of an offering, which decides its rules.' });

export enum DeliveryMode {
  RESIDENT = 'RESIDENT',
  REMOTE = 'REMOTE',
  MOBILE_TEAM = 'MOBILE_TEAM',
  HYBRID = 'HYBRID',
}
registerEnumType(DeliveryMode, { name: 'DeliveryMode' });

export enum OfferingStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(OfferingStatus, { name: 'OfferingStatus', description: 'Only PUBLISHED offerings are visible to non-administrators.' });

export enum IterationStatus {
  PLANNED = 'PLANNED',
  OPEN = 'OPEN',
  FULL = 'FULL',
  /** The application deadline passed: no new requests (the waiting list still moves). */
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
}
registerEnumType(IterationStatus, {
  name: 'IterationStatus',
  description:
    'PLANNED, OPEN, FULL (every seat allocated or offered), CLOSED (past the application deadline), CANCELLED, COMPLETED. OPEN, FULL and CLOSED follow the seats and the deadline (the seat ledger sets them).',
});

export enum OfferingOrder {
  RELEVANCE = 'RELEVANCE',
  TITLE = 'TITLE',
  CODE = 'CODE',
  NEWEST = 'NEWEST',
  START_DATE = 'START_DATE',
}
registerEnumType(OfferingOrder, {
  name: 'OfferingOrder',
  description:
    'RELEVANCE (the default with a search; best match first), TITLE (in the content language), CODE (the default without a search), NEWEST, START_DATE (the next iteration that is not cancelled and starts today or later, soonest first; offerings without one last).',
});

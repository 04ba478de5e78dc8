import { registerEnumType } from '@nestjs/graphql';

/** Where a request stands; the allowed moves between them are data in request-lifecycle.ts. */
export enum RequestStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  INFORMATION_REQUESTED = 'INFORMATION_REQUESTED',
  APPROVED = 'APPROVED',
  SCHEDULED = 'SCHEDULED',
  COMPLETED = 'COMPLETED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RequestStatus, { name: 'RequestStatus', description: 'Where a cooperation request stands in its lifecycle.' });

/** Statuses in which a request still waits on someone (for duplicates, overdue and service targets). */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  RequestStatus.SUBMITTED,
  RequestStatus.UNDER_REVIEW,
  RequestStatus.INFORMATION_REQUESTED,
  RequestStatus.APPROVED,
  RequestStatus.SCHEDULED,
];

/** Statuses that still await a decision (approve or decline). */
export const UNDECIDED_STATUSES: readonly RequestStatus[] = [RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW, RequestStatus.INFORMATION_REQUESTED];

export enum RequestPriority {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(RequestPriority, { name: 'RequestPriority', description: 'Priority as the partner sees it.' });

export enum RequestEventType {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  SUBMITTED = 'SUBMITTED',
  ROUTED = 'ROUTED',
  REROUTED = 'REROUTED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  ASSIGNED = 'ASSIGNED',
  COMMENTED = 'COMMENTED',
  SEATS_ALLOCATED = 'SEATS_ALLOCATED',
  SEATS_RELEASED = 'SEATS_RELEASED',
  /** Staff decided each nominee at approval (accepted, waitlisted, declined). */
  NOMINEES_DECIDED = 'NOMINEES_DECIDED',
  /** A freed seat was offered to a waitlisted nominee, to confirm before a deadline. */
  SEAT_OFFERED = 'SEAT_OFFERED',
  SEAT_CONFIRMED = 'SEAT_CONFIRMED',
  SEAT_OFFER_LAPSED = 'SEAT_OFFER_LAPSED',
  SEAT_OFFER_DECLINED = 'SEAT_OFFER_DECLINED',
  /** The partner edited the nominees of a submitted request (before the change window). */
  NOMINEES_CHANGED = 'NOMINEES_CHANGED',
  /** Inside the change window: a substitution the partner asked for, and staff's answer. */
  SUBSTITUTION_REQUESTED = 'SUBSTITUTION_REQUESTED',
  SUBSTITUTION_APPROVED = 'SUBSTITUTION_APPROVED',
  SUBSTITUTION_REJECTED = 'SUBSTITUTION_REJECTED',
  /** A file was attached to the request or to one of its comments (issue #16). */
  ATTACHMENT_ADDED = 'ATTACHMENT_ADDED',
  ATTACHMENT_REMOVED = 'ATTACHMENT_REMOVED',
  /** Linked to an objective of the partner's plan after submission (issue #17), or unlinked from one. */
  OBJECTIVE_LINKED = 'OBJECTIVE_LINKED',
  OBJECTIVE_UNLINKED = 'OBJECTIVE_UNLINKED',
}
registerEnumType(RequestEventType, { name: 'RequestEventType', description: 'What happened on a request (its timeline).' });

export enum RoutingReason {
  RULE = 'RULE',
  OWNING_SECTION = 'OWNING_SECTION',
  DEFAULT_SECTION = 'DEFAULT_SECTION',
  MANUAL = 'MANUAL',
}
registerEnumType(RoutingReason, {
  name: 'RoutingReason',
  description: 'Why a request went to its section: a routing rule, the offering owner, the default section, or a person rerouting it.',
});

export enum RequestOrder {
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  RECENTLY_UPDATED = 'RECENTLY_UPDATED',
  DECISION_DUE = 'DECISION_DUE',
}
registerEnumType(RequestOrder, {
  name: 'RequestOrder',
  description: 'NEWEST (default: created last first), OLDEST, RECENTLY_UPDATED, DECISION_DUE (soonest decision due date first, undated last).',
});

/**
 * Past the section's target to acknowledge or to decide; waiting for the partner pauses the decision clock. The one
 * rule for the `overdue` field and the exports (the SQL filter in request-query.ts says the same).
 */
export function isOverdue(
  r: { status: RequestStatus; acknowledgeDueAt: Date | null; decisionDueAt: Date | null; servicePausedAt: Date | null },
  now = Date.now(),
): boolean {
  const unacknowledged = r.status === RequestStatus.SUBMITTED && r.acknowledgeDueAt !== null && r.acknowledgeDueAt.getTime() < now;
  const undecided = UNDECIDED_STATUSES.includes(r.status) && r.servicePausedAt === null && r.decisionDueAt !== null && r.decisionDueAt.getTime() < now;
  return unacknowledged || undecided;
}

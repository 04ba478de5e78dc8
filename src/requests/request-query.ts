import type { ObjectLiteral } from 'typeorm';
import type { SortDirection } from '../common/pagination/keyset.js';
import type { RequestFilter } from './dto/request.inputs.js';
import { RequestOrder, UNDECIDED_STATUSES } from './request.enums.js';

/**
 * SQL for finding requests on alias `r` (pure string building, shared by the list, its count and the
 * statistics, so all three count the same rows). The section and partner code filters read the organisation's
 * section and partner rows in a subquery: part of the list's one statement (see RequestReadRepository).
 */

/** Past a service target: not acknowledged in time, or not decided in time. */
/** Past a target; never while waiting for the partner (the clock is paused then). */
export const OVERDUE_SQL = `((r.status = 'SUBMITTED' AND r.acknowledge_due_at < now())
  OR (r.status IN ('SUBMITTED', 'UNDER_REVIEW') AND r.decision_due_at < now()))`;

/**
 * The year a request's course runs, for reports of seats used per year: its iteration's start date, else the desired
 * start, else the submission (UTC). The iteration's date is read from the catalogue's row, a reporting read.
 */
export const COURSE_YEAR_SQL = `coalesce((SELECT extract(year FROM ci.start_date) FROM offering_iteration ci WHERE ci.id = r.iteration_id),
  extract(year FROM r.desired_start), extract(year FROM r.submitted_at AT TIME ZONE 'UTC'))::int`;

export interface RequestSort {
  tag: string;
  expr: string;
  direction: SortDirection;
}

export function requestSort(order: RequestOrder | null | undefined): RequestSort {
  switch (order) {
    case RequestOrder.OLDEST:
      return { tag: 'OLDEST', expr: 'r.created_at', direction: 'ASC' };
    case RequestOrder.RECENTLY_UPDATED:
      return { tag: 'UPDATED', expr: 'r.updated_at', direction: 'DESC' };
    case RequestOrder.DECISION_DUE:
      return { tag: 'DUE', expr: `coalesce(r.decision_due_at, 'infinity'::timestamptz)`, direction: 'ASC' };
    default:
      return { tag: 'NEWEST', expr: 'r.created_at', direction: 'DESC' };
  }
}

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** What the conditions are added to: a query builder on alias `r`, or a recorder of their SQL and parameters. */
export interface RequestConditionSink {
  andWhere(where: string, parameters?: ObjectLiteral): unknown;
}

/** cooperation_request_open_queue_idx's predicate (migration OpenQueueIndex): the undecided statuses, a triage queue's. */
const UNDECIDED_SQL = `r.status IN (${UNDECIDED_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export function applyRequestFilter<Q extends RequestConditionSink>(qb: Q, filter: RequestFilter): Q {
  if (filter.statuses?.length) {
    qb.andWhere('r.status = ANY(:fStatuses::text[])', { fStatuses: filter.statuses });
    // Redundant with the line above, but constant: it lets a prepared statement's generic plan (planned once per
    // connection) prove the open-queue index's predicate, which a parameter's list cannot.
    if (filter.statuses.every((status) => UNDECIDED_STATUSES.includes(status))) qb.andWhere(UNDECIDED_SQL);
  }
  if (filter.sectionCodes?.length) qb.andWhere('r.routed_section_id IN (SELECT id FROM section WHERE code = ANY(:fSections::text[]))', { fSections: filter.sectionCodes });
  if (filter.partnerCodes?.length) qb.andWhere('r.partner_id IN (SELECT id FROM partner WHERE code = ANY(:fPartners::text[]))', { fPartners: filter.partnerCodes });
  if (filter.offeringId) qb.andWhere('r.offering_id = :fOffering', { fOffering: filter.offeringId });
  if (filter.assigneeId) qb.andWhere('r.assignee_id = :fAssignee', { fAssignee: filter.assigneeId });
  if (filter.overdue === true) qb.andWhere(OVERDUE_SQL);
  if (filter.overdue === false) qb.andWhere(`NOT ${OVERDUE_SQL}`);
  if (filter.submittedAfter) qb.andWhere('r.submitted_at >= :fAfter', { fAfter: filter.submittedAfter });
  if (filter.submittedBefore) qb.andWhere('r.submitted_at < :fBefore', { fBefore: filter.submittedBefore });
  if (filter.courseYear) qb.andWhere(`${COURSE_YEAR_SQL} = :fCourseYear`, { fCourseYear: filter.courseYear });
  if (filter.programmes?.length) qb.andWhere(`coalesce(r.offering_kind, 'OPEN_REQUEST') = ANY(:fProgrammes::text[])`, { fProgrammes: filter.programmes });
  if (filter.objectiveId) qb.andWhere('r.objective_id = :fObjective', { fObjective: filter.objectiveId });
  const search = filter.search?.trim();
  if (search) {
    qb.andWhere(`(r.reference ILIKE :fSearch OR lower(r.title) LIKE lower(:fSearch) OR r.purpose ILIKE :fSearch)`, { fSearch: `%${escapeLike(search)}%` });
  }
  return qb;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { Sql } from '../common/database/sql.js';
import type { RequestWarning } from './dto/request.types.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import { requestScope } from './request-access.js';
import { RequestComment } from './request-comment.entity.js';
import { RequestEvent } from './request-event.entity.js';
import type { RequestEventType, RequestPriority, RequestStatus, RoutingReason } from './request.enums.js';

/** The columns a partner fills in (a draft's, and a submission's before the checks add to them). */
export interface RequestFieldsRow {
  offering_id: string | null;
  iteration_id: string | null;
  area_id: string | null;
  title: string;
  purpose: string | null;
  justification: string | null;
  desired_start: string | null;
  desired_end: string | null;
  seats_requested: number;
  /** JSON text of the participants. */
  participants: string;
  priority: RequestPriority;
  releasability: string;
  /** JSON text of the kind-specific fields (issue #15). */
  kind_fields: string;
  /** The partner's plan objective it serves (issue #17). */
  objective_id: string | null;
}

/** A request's columns a change may set, by column name (the lifecycle door and the triage actions use these). */
export interface RequestChanges {
  status?: RequestStatus;
  offering_id?: string | null;
  iteration_id?: string | null;
  area_id?: string | null;
  offering_kind?: string | null;
  title?: string;
  purpose?: string | null;
  justification?: string | null;
  desired_start?: string | null;
  desired_end?: string | null;
  seats_requested?: number;
  participants?: string;
  priority?: RequestPriority;
  releasability?: string;
  kind_fields?: string;
  objective_id?: string | null;
  seats_allocated?: number;
  routed_section_id?: string | null;
  routing_rule_id?: string | null;
  routing_reason?: RoutingReason | null;
  assignee_id?: string | null;
  acknowledge_due_at?: Date | null;
  decision_due_at?: Date | null;
}

/**
 * Service-target clocks a change starts, at the database's now(): submitted, acknowledged (first time only),
 * decided; paused (waiting for the partner) and resumed (the decision due date moves on by the pause).
 */
export type RequestClock = 'submitted' | 'acknowledged' | 'decided' | 'paused' | 'resumed';

/** The clocks a new row can start (a new request is never paused). */
const CLOCK_COLUMN: Partial<Record<RequestClock, string>> = { submitted: 'submitted_at', acknowledged: 'acknowledged_at', decided: 'decided_at' };

/** How an update starts each clock: acknowledged only the first time. */
const CLOCK_SQL: Record<RequestClock, string> = {
  submitted: 'submitted_at = now()',
  acknowledged: 'acknowledged_at = coalesce(acknowledged_at, now())',
  decided: 'decided_at = now()',
  paused: 'service_paused_at = coalesce(service_paused_at, now())',
  // Every right-hand side reads the row before the update, so the pause is measured before it is cleared.
  resumed: `decision_due_at = CASE WHEN service_paused_at IS NULL THEN decision_due_at ELSE decision_due_at + (now() - service_paused_at) END, service_paused_at = NULL`,
};

/** A timeline entry as stored. */
export interface NewEventRow {
  type: RequestEventType;
  from_status: RequestStatus | null;
  to_status: RequestStatus | null;
  section_id: string | null;
  routing_rule_id: string | null;
  routing_reason: RoutingReason | null;
  comment_id: string | null;
  attachment_id: string | null;
  objective_id: string | null;
  reason: string | null;
  /** JSON text of EventParams. */
  params: string | null;
  internal: boolean;
}

const EVENT_COLUMNS = ['type', 'from_status', 'to_status', 'section_id', 'routing_rule_id', 'routing_reason', 'comment_id', 'attachment_id', 'objective_id', 'reason', 'params', 'internal'] as const;

/** The reference of a new request: CR-<year>-<5 digits or more>, from its own sequence. */
const REFERENCE_SQL = `(SELECT 'CR-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || CASE WHEN n < 100000 THEN lpad(n::text, 5, '0') ELSE n::text END
  FROM nextval('cooperation_request_reference_seq') AS n)`;

export interface SubmissionKeyRow {
  request_hash: string;
  request_id: string;
  warnings: RequestWarning[];
}

/**
 * The request aggregate: cooperation_request (with its participants), request_event, request_comment and
 * request_submission_key. Every statement on those tables is here, through `Sql` with named parameters, rows
 * hand-mapped onto the entities (RowMapper, the same values TypeORM's hydration gives). Reads of requests by
 * id apply the access rule (requestScope), so a request out of reach is not found, drafts included.
 * The paged list, its count and the statistics are in RequestReadRepository.
 */
@Injectable()
export class RequestRepository {
  private readonly requests: RowMapper<CooperationRequest>;
  private readonly events: RowMapper<RequestEvent>;
  private readonly comments: RowMapper<RequestComment>;

  constructor(
    private readonly sql: Sql,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.requests = RowMapper.of(dataSource.getMetadata(CooperationRequest));
    this.events = RowMapper.of(dataSource.getMetadata(RequestEvent));
    this.comments = RowMapper.of(dataSource.getMetadata(RequestComment));
  }

  /**
   * The request if the caller reaches it (requestScope); `lock` holds its row for the rest of the unit of work.
   * FOR NO KEY UPDATE, the lock an UPDATE of the row takes: changes to the request still queue up, but rows that
   * only reference it (timeline entries, notifications written by another transaction, e.g. the seat ledger
   * offering this request's nominee a seat freed by a cancellation) are not blocked, so two such changes cannot
   * deadlock (issue #14).
   */
  async findReachable(ctx: RequestContext, id: string, lock = false): Promise<CooperationRequest | undefined> {
    const scope = requestScope(ctx, 'r');
    const row = await this.sql.one<Record<string, unknown>>(
      ctx,
      `SELECT ${this.requests.select('r')} FROM cooperation_request r WHERE r.id = :id AND ${scope.sql}${lock ? ' FOR NO KEY UPDATE' : ''}`,
      { ...scope.params, id },
    );
    return row && this.requests.map(row, 'r_');
  }

  /**
   * What the journal needs of requests the seat ledger acted on (offers made or lapsed), whoever caused it: a
   * cancellation by staff, or the timer job. Not scoped: the caller did not choose these requests, the ledger did.
   */
  async journalFacts(ctx: RequestContext, ids: readonly string[]): Promise<Array<{ id: string; reference: string; title: string; submitterId: string; routedSectionId: string | null }>> {
    return this.sql.rows(
      ctx,
      `SELECT id, reference, title, submitter_id AS "submitterId", routed_section_id AS "routedSectionId" FROM cooperation_request WHERE id = ANY(:ids::uuid[])`,
      { ids: [...ids] },
    );
  }

  /** Seats a confirmed offer adds to the request (the seat ledger already holds them). */
  async addSeats(ctx: RequestContext, id: string, seats: number): Promise<CooperationRequest | undefined> {
    const row = await this.sql.one<Record<string, unknown>>(
      ctx,
      `UPDATE cooperation_request r SET seats_allocated = seats_allocated + :seats, version = version + 1, updated_at = now() WHERE r.id = :id
       RETURNING ${this.requests.select('r')}`,
      { id, seats },
    );
    return row && this.requests.map(row, 'r_');
  }

  /** References of the requests the caller reaches, among these (the seat board shows only those). */
  async referencesInReach(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, string>> {
    const scope = requestScope(ctx, 'r');
    const rows = await this.sql.rows<{ id: string; reference: string }>(ctx, `SELECT r.id, r.reference FROM cooperation_request r WHERE r.id = ANY(:ids::uuid[]) AND ${scope.sql}`, {
      ...scope.params,
      ids: [...ids],
    });
    return new Map(rows.map((r) => [r.id, r.reference]));
  }

  /**
   * Nominees (by email, case-insensitive) already on other open requests for any of these iterations: the clash
   * check. Personal data stays here: the caller gets the matching emails and the other requests' ids, references
   * and partners.
   */
  async nomineesOnIterations(
    ctx: RequestContext,
    emails: readonly string[],
    iterationIds: readonly string[],
    excludeRequestId: string | null,
    statuses: readonly RequestStatus[],
  ): Promise<Array<{ email: string; requestId: string; reference: string; partnerId: string; iterationId: string }>> {
    if (emails.length === 0 || iterationIds.length === 0) return [];
    return this.sql.rows(
      ctx,
      `SELECT DISTINCT lower(p->>'email') AS email, r.id AS "requestId", r.reference, r.partner_id AS "partnerId", r.iteration_id AS "iterationId"
         FROM cooperation_request r CROSS JOIN LATERAL jsonb_array_elements(r.participants) p
        WHERE r.iteration_id = ANY(:iterationIds::uuid[]) AND r.status = ANY(:statuses::text[])
          AND (:exclude::uuid IS NULL OR r.id <> :exclude::uuid) AND lower(p->>'email') = ANY(:emails::text[])
        ORDER BY 1, 3`,
      { emails: emails.map((e) => e.toLowerCase()), iterationIds: [...iterationIds], exclude: excludeRequestId, statuses: [...statuses] },
    );
  }

  /** A new DRAFT of the partner, by the submitter. */
  async insertDraft(ctx: RequestContext, partnerId: string, submitterId: string, fields: RequestFieldsRow): Promise<CooperationRequest> {
    const row = await this.sql.one<Record<string, unknown>>(
      ctx,
      `INSERT INTO cooperation_request AS r (reference, partner_id, submitter_id, status, offering_id, iteration_id, area_id, title, purpose, justification,
              desired_start, desired_end, seats_requested, participants, priority, releasability, kind_fields, objective_id)
       VALUES (${REFERENCE_SQL}, :partnerId, :submitterId, 'DRAFT', :offering_id, :iteration_id, :area_id, :title, :purpose, :justification,
              :desired_start, :desired_end, :seats_requested, :participants, :priority, :releasability, :kind_fields, :objective_id)
       RETURNING ${this.requests.select('r')}`,
      { ...fields, partnerId, submitterId },
    );
    return this.requests.map(row!, 'r_')!;
  }

  /** A new request created straight in `status` (a submission without a draft), with the clocks it starts. */
  async insert(ctx: RequestContext, partnerId: string, submitterId: string, status: RequestStatus, changes: RequestChanges, clocks: readonly RequestClock[]): Promise<CooperationRequest> {
    const values: Record<string, unknown> = { ...changes, status, partner_id: partnerId, submitter_id: submitterId };
    const columns = Object.keys(values);
    clocks = clocks.filter((c) => CLOCK_COLUMN[c]);
    const row = await this.sql.one<Record<string, unknown>>(
      ctx,
      `INSERT INTO cooperation_request AS r (reference, ${[...columns, ...clocks.map((c) => CLOCK_COLUMN[c])].join(', ')})
       VALUES (${REFERENCE_SQL}, ${[...columns.map((c) => `:${c}`), ...clocks.map(() => 'now()')].join(', ')})
       RETURNING ${this.requests.select('r')}`,
      values,
    );
    return this.requests.map(row!, 'r_')!;
  }

  /**
   * The optimistic write: `changes` and `clocks` when the version is still `expectedVersion`, in the caller's
   * reach (a draft's partner included). The request as written, or undefined when no row matched.
   */
  async update(ctx: RequestContext, id: string, expectedVersion: number, changes: RequestChanges, clocks: readonly RequestClock[] = [], onlyStatus?: RequestStatus): Promise<CooperationRequest | undefined> {
    const scope = requestScope(ctx, 'r');
    const sets = [...Object.keys(changes).map((c) => `${c} = :${c}`), ...clocks.map((c) => CLOCK_SQL[c]), 'version = version + 1', 'updated_at = now()'];
    const row = await this.sql.one<Record<string, unknown>>(
      ctx,
      `UPDATE cooperation_request r SET ${sets.join(', ')}
        WHERE r.id = :id AND r.version = :expectedVersion${onlyStatus ? ' AND r.status = :onlyStatus' : ''} AND ${scope.sql}
        RETURNING ${this.requests.select('r')}`,
      { ...scope.params, ...changes, id, expectedVersion, ...(onlyStatus ? { onlyStatus } : {}) },
    );
    return row && this.requests.map(row, 'r_');
  }

  /** Status, version and partner of a request in reach (to explain a write that matched nothing). */
  async state(ctx: RequestContext, id: string): Promise<{ status: RequestStatus; version: number; partnerId: string } | undefined> {
    const scope = requestScope(ctx, 'r');
    return this.sql.one(ctx, `SELECT r.status, r.version, r.partner_id AS "partnerId" FROM cooperation_request r WHERE r.id = :id AND ${scope.sql}`, { ...scope.params, id });
  }

  /** The row changes with every comment (updated_at); the version does not, so a comment does not stale a reviewer's form. */
  async touch(ctx: RequestContext, id: string): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE cooperation_request SET updated_at = now() WHERE id = :id', { id });
  }

  /**
   * The reference of the partner's oldest open request for the same thing, if any: the iteration; the offering
   * when no iteration is named (talks, briefings, e-learning); the area for an open request (no offering).
   */
  async openRequestFor(
    ctx: RequestContext,
    partnerId: string,
    subject: { iterationId: string } | { offeringId: string } | { areaId: string },
    openStatuses: readonly RequestStatus[],
  ): Promise<string | undefined> {
    const same =
      'iterationId' in subject
        ? 'iteration_id = :id'
        : 'offeringId' in subject
          ? 'offering_id = :id AND iteration_id IS NULL'
          : 'offering_id IS NULL AND area_id = :id';
    const id = 'iterationId' in subject ? subject.iterationId : 'offeringId' in subject ? subject.offeringId : subject.areaId;
    const row = await this.sql.one<{ reference: string }>(
      ctx,
      `SELECT reference FROM cooperation_request WHERE partner_id = :partnerId AND ${same} AND status = ANY(:statuses::text[]) ORDER BY created_at LIMIT 1`,
      { partnerId, id, statuses: [...openStatuses] },
    );
    return row?.reference;
  }

  // Timeline

  /** Appends timeline entries in order, in one statement. */
  async appendEvents(ctx: RequestContext, requestId: string, actor: { id: string | null; kind: string }, entries: readonly NewEventRow[]): Promise<void> {
    if (entries.length === 0) return;
    const params: Record<string, unknown> = { requestId, actorId: actor.id, actorKind: actor.kind };
    const rows = entries.map((entry, i) => {
      for (const column of EVENT_COLUMNS) params[`${column}${i}`] = entry[column];
      return `(:requestId, :actorId, :actorKind, ${EVENT_COLUMNS.map((column) => (column === 'params' ? `:${column}${i}::jsonb` : `:${column}${i}`)).join(', ')})`;
    });
    await this.sql.execute(
      ctx,
      `INSERT INTO request_event (request_id, actor_id, actor_kind, ${EVENT_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`,
      params,
    );
  }

  /** Timeline entries of the requests, oldest first (a DataLoader batch); internal ones only when asked. */
  async eventsOf(ctx: RequestContext, requestIds: readonly string[], withInternal: boolean): Promise<RequestEvent[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(
      ctx,
      `SELECT ${this.events.select('e')} FROM request_event e WHERE e.request_id = ANY(:ids::uuid[]) AND (:withInternal OR NOT e.internal) ORDER BY e.id ASC`,
      { ids: [...requestIds], withInternal },
    );
    return rows.map((row) => this.events.map(row, 'e_')!);
  }

  // Comments

  async insertComment(ctx: RequestContext, requestId: string, authorId: string | null, body: string, internal: boolean): Promise<RequestComment> {
    const row = await this.sql.one<Record<string, unknown>>(
      ctx,
      `INSERT INTO request_comment AS c (request_id, author_id, body, internal) VALUES (:requestId, :authorId, :body, :internal) RETURNING ${this.comments.select('c')}`,
      { requestId, authorId, body, internal },
    );
    return this.comments.map(row!, 'c_')!;
  }

  /** Comments of the requests, oldest first (a DataLoader batch); internal notes only when asked. */
  async commentsOf(ctx: RequestContext, requestIds: readonly string[], withInternal: boolean): Promise<RequestComment[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(
      ctx,
      `SELECT ${this.comments.select('c')} FROM request_comment c WHERE c.request_id = ANY(:ids::uuid[]) AND (:withInternal OR NOT c.internal) ORDER BY c.created_at ASC, c.id ASC`,
      { ids: [...requestIds], withInternal },
    );
    return rows.map((row) => this.comments.map(row, 'c_')!);
  }

  // Idempotent submissions

  /** Serialises retries of one key for the rest of the unit of work: the second caller waits, then finds the first one's record. */
  async lockSubmissionKey(ctx: RequestContext, actorId: string, key: string): Promise<void> {
    await this.sql.one(ctx, 'SELECT pg_advisory_xact_lock(hashtextextended(:lock, 0))', { lock: `submit:${actorId}:${key}` });
  }

  async findSubmissionKey(ctx: RequestContext, actorId: string, key: string): Promise<SubmissionKeyRow | undefined> {
    return this.sql.one<SubmissionKeyRow>(ctx, 'SELECT request_hash, request_id, warnings FROM request_submission_key WHERE actor_id = :actorId AND idempotency_key = :key', {
      actorId,
      key,
    });
  }

  async insertSubmissionKey(ctx: RequestContext, actorId: string, key: string, hash: string, requestId: string, warnings: RequestWarning[]): Promise<void> {
    await this.sql.execute(
      ctx,
      'INSERT INTO request_submission_key (actor_id, idempotency_key, request_hash, request_id, warnings) VALUES (:actorId, :key, :hash, :requestId, :warnings)',
      { actorId, key, hash, requestId, warnings: JSON.stringify(warnings) },
    );
  }

  /** Requests by id whatever the caller's reach (a DataLoader batch): only for a context that decided access itself (RequestQueryService.byIdsForContext). */
  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<CooperationRequest[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(ctx, `SELECT ${this.requests.select('r')} FROM cooperation_request r WHERE r.id = ANY(:ids::uuid[])`, { ids: [...ids] });
    return rows.map((row) => this.requests.map(row, 'r_')!);
  }

  /** A request by id whatever the caller's reach: only for an idempotent retry's original result (the caller's own submission). */
  async findById(ctx: RequestContext, id: string): Promise<CooperationRequest | undefined> {
    const row = await this.sql.one<Record<string, unknown>>(ctx, `SELECT ${this.requests.select('r')} FROM cooperation_request r WHERE r.id = :id`, { id });
    return row && this.requests.map(row, 'r_');
  }
}

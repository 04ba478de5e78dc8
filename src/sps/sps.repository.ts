import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { RequestStatus } from '../requests/request.enums.js';
import type { SpsCommitteeBatch, SpsReview } from './dto/sps.types.js';

export interface RubricRow {
  code: string;
  labelEn: string;
  labelFr: string;
  guidanceEn: string;
  guidanceFr: string;
  minScore: number;
  maxScore: number;
}

export interface OutcomeRow {
  code: string;
  labelEn: string;
  labelFr: string;
  requestStatus: RequestStatus | null;
}

export interface PlacementRow {
  requestId: string;
  batchId: string;
  outcomeCode: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
}

interface ReviewRow {
  id: string;
  requestId: string;
  reviewerId: string;
  assignedAt: Date;
  submittedAt: Date | null;
  scores: Record<string, number>;
  comments: string | null;
  version: number;
}

const REVIEW = `id, request_id AS "requestId", reviewer_id AS "reviewerId", assigned_at AS "assignedAt", submitted_at AS "submittedAt", scores, comments, version`;
const BATCH = `id, name, meeting_date::text AS "meetingDate", created_at AS "createdAt"`;
const PLACEMENT = `request_id AS "requestId", batch_id AS "batchId", outcome_code AS "outcomeCode", decision_reason AS "decisionReason", decided_at AS "decidedAt"`;

function toReview(row: ReviewRow, order: readonly string[]): SpsReview {
  const scores = order.filter((c) => row.scores[c] !== undefined).map((c) => ({ criterionCode: c, score: row.scores[c]! }));
  return { ...row, scores, total: row.submittedAt ? scores.reduce((s, x) => s + x.score, 0) : null };
}

/** The SPS context's tables (issue #15 item 2): rubric, outcomes, reviews, committee batches and their applications. */
@Injectable()
export class SpsRepository {
  constructor(private readonly sql: Sql) {}

  rubric(ctx: RequestContext): Promise<RubricRow[]> {
    return this.sql.rows(
      ctx,
      `SELECT code, label_en AS "labelEn", label_fr AS "labelFr", guidance_en AS "guidanceEn", guidance_fr AS "guidanceFr", min_score AS "minScore", max_score AS "maxScore"
         FROM sps_rubric_criterion ORDER BY position, code`,
      {},
      { prepare: true },
    );
  }

  outcomes(ctx: RequestContext): Promise<OutcomeRow[]> {
    return this.sql.rows(ctx, 'SELECT code, label_en AS "labelEn", label_fr AS "labelFr", request_status AS "requestStatus" FROM sps_decision_outcome ORDER BY position, code', {}, { prepare: true });
  }

  // Reviews

  /** A new assignment; undefined when the reviewer is already assigned to the application. */
  async insertReview(ctx: RequestContext, requestId: string, reviewerId: string, assignedBy: string, order: readonly string[]): Promise<SpsReview | undefined> {
    const row = await this.sql.one<ReviewRow>(
      ctx,
      `INSERT INTO sps_review (request_id, reviewer_id, assigned_by) VALUES (:requestId, :reviewerId, :assignedBy)
       ON CONFLICT ON CONSTRAINT sps_review_one_per_reviewer DO NOTHING RETURNING ${REVIEW}`,
      { requestId, reviewerId, assignedBy },
    );
    return row && toReview(row, order);
  }

  async review(ctx: RequestContext, id: string, order: readonly string[], lock = false): Promise<SpsReview | undefined> {
    const row = await this.sql.one<ReviewRow>(ctx, `SELECT ${REVIEW} FROM sps_review WHERE id = :id${lock ? ' FOR UPDATE' : ''}`, { id });
    return row && toReview(row, order);
  }

  /** The optimistic write of a reviewer's scores; undefined when the version moved. */
  async submitReview(ctx: RequestContext, id: string, expectedVersion: number, scores: Record<string, number>, comments: string, order: readonly string[]): Promise<SpsReview | undefined> {
    const row = await this.sql.one<ReviewRow>(
      ctx,
      `UPDATE sps_review SET scores = :scores, comments = :comments, submitted_at = now(), version = version + 1
        WHERE id = :id AND version = :expectedVersion RETURNING ${REVIEW}`,
      { id, expectedVersion, scores: JSON.stringify(scores), comments },
    );
    return row && toReview(row, order);
  }

  /** Reviews of these applications (a DataLoader batch), oldest assignment first. */
  async reviewsOf(ctx: RequestContext, requestIds: readonly string[], order: readonly string[]): Promise<SpsReview[]> {
    const rows = await this.sql.rows<ReviewRow>(ctx, `SELECT ${REVIEW} FROM sps_review WHERE request_id = ANY(:ids::uuid[]) ORDER BY assigned_at, id`, { ids: [...requestIds] });
    return rows.map((r) => toReview(r, order));
  }

  /** A reviewer's assignments, newest first, at most `limit`. */
  async reviewsBy(ctx: RequestContext, reviewerId: string, limit: number, order: readonly string[]): Promise<SpsReview[]> {
    const rows = await this.sql.rows<ReviewRow>(ctx, `SELECT ${REVIEW} FROM sps_review WHERE reviewer_id = :reviewerId ORDER BY assigned_at DESC, id DESC LIMIT :limit`, { reviewerId, limit });
    return rows.map((r) => toReview(r, order));
  }

  /** Applications with a reviewer and no batch yet (the batch screen's "to schedule"), at most `limit`. */
  async reviewedUnbatched(ctx: RequestContext, limit: number): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      ctx,
      `SELECT r.request_id::text AS id FROM sps_review r
        WHERE NOT EXISTS (SELECT 1 FROM sps_batch_application b WHERE b.request_id = r.request_id)
        GROUP BY r.request_id ORDER BY min(r.assigned_at), r.request_id LIMIT :limit`,
      { limit },
    );
    return rows.map((r) => r.id);
  }

  // Batches

  async insertBatch(ctx: RequestContext, name: string, meetingDate: string, createdBy: string): Promise<SpsCommitteeBatch> {
    return (await this.sql.one<SpsCommitteeBatch>(ctx, `INSERT INTO sps_committee_batch (name, meeting_date, created_by) VALUES (:name, :meetingDate::date, :createdBy) RETURNING ${BATCH}`, {
      name,
      meetingDate,
      createdBy,
    }))!;
  }

  /** Batches, latest meeting first, at most `limit`. */
  batches(ctx: RequestContext, limit: number): Promise<SpsCommitteeBatch[]> {
    return this.sql.rows(ctx, `SELECT ${BATCH} FROM sps_committee_batch ORDER BY meeting_date DESC, id DESC LIMIT :limit`, { limit });
  }

  batchesByIds(ctx: RequestContext, ids: readonly string[]): Promise<SpsCommitteeBatch[]> {
    return this.sql.rows(ctx, `SELECT ${BATCH} FROM sps_committee_batch WHERE id = ANY(:ids::uuid[])`, { ids: [...ids] });
  }

  /** Where these applications sit (a DataLoader batch). */
  placements(ctx: RequestContext, requestIds: readonly string[], lock = false): Promise<PlacementRow[]> {
    return this.sql.rows(ctx, `SELECT ${PLACEMENT} FROM sps_batch_application WHERE request_id = ANY(:ids::uuid[])${lock ? ' FOR UPDATE' : ''}`, { ids: [...requestIds] });
  }

  /** The applications of these batches, in the order they were added (a DataLoader batch). */
  placementsOfBatches(ctx: RequestContext, batchIds: readonly string[]): Promise<PlacementRow[]> {
    return this.sql.rows(ctx, `SELECT ${PLACEMENT} FROM sps_batch_application WHERE batch_id = ANY(:ids::uuid[]) ORDER BY added_at, request_id`, { ids: [...batchIds] });
  }

  /** Puts the application in the batch, undecided (clock_timestamp: several added in one transaction keep their order) (a deferred one moves from its earlier batch). */
  async place(ctx: RequestContext, requestId: string, batchId: string, addedBy: string): Promise<void> {
    await this.sql.execute(
      ctx,
      `INSERT INTO sps_batch_application (request_id, batch_id, added_by, added_at) VALUES (:requestId, :batchId, :addedBy, clock_timestamp())
       ON CONFLICT (request_id) DO UPDATE SET batch_id = EXCLUDED.batch_id, added_by = EXCLUDED.added_by, added_at = EXCLUDED.added_at,
              outcome_code = NULL, decision_reason = NULL, decided_by = NULL, decided_at = NULL`,
      { requestId, batchId, addedBy },
    );
  }

  async decide(ctx: RequestContext, requestId: string, outcomeCode: string, reason: string, decidedBy: string): Promise<void> {
    await this.sql.execute(
      ctx,
      'UPDATE sps_batch_application SET outcome_code = :outcomeCode, decision_reason = :reason, decided_by = :decidedBy, decided_at = now() WHERE request_id = :requestId',
      { requestId, outcomeCode, reason, decidedBy },
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { AttendanceOutcome, CourseSurvey, Nominee, NomineeAttendance, SurveyComment, SurveyStatus, TrainingRecord } from './dto/nominee.types.js';
import type { ClearanceLevel, LanguageProfileData } from './nominee-check.js';

/** The columns of a directory entry a partner sets. */
export interface NomineeRow {
  name: string;
  rank_or_title: string | null;
  email: string | null;
  clearance_level: ClearanceLevel;
  language_profiles: LanguageProfileData[];
}

const NOMINEE = `n.id, n.partner_id AS "partnerId", n.name, n.rank_or_title AS "rankOrTitle", n.email, n.clearance_level AS "clearanceLevel",
  n.language_profiles AS "languageProfiles", n.version, n.created_at AS "createdAt", n.updated_at AS "updatedAt"`;

const SURVEY = `s.id, s.request_id AS "requestId", r.reference AS "requestReference", s.offering_id AS "offeringId", s.iteration_id AS "iterationId",
  s.status, s.rating_overall AS "ratingOverall", s.rating_content AS "ratingContent", s.rating_organisation AS "ratingOrganisation",
  s.rating_relevance AS "ratingRelevance", s.comments, s.sent_at AS "sentAt", s.submitted_at AS "submittedAt", s.partner_id AS "partnerId", s.sent_at::text AS "cursorAt"`;

/** `cursorAt`: the timestamp as PostgreSQL writes it, microseconds included, so a keyset cursor round-trips exactly. */
export type SurveyRow = CourseSurvey & { partnerId: string; cursorAt: string };

export interface SurveyAggregate {
  responses: number;
  pending: number;
  averageOverall: number | null;
  averageContent: number | null;
  averageOrganisation: number | null;
  averageRelevance: number | null;
}

/**
 * The nominees' aggregate of the requests context: a partner's directory (nominee), attendance per nominee of
 * a request (nominee_attendance) and the partner's course surveys (course_survey). Plain SQL through `Sql`.
 */
@Injectable()
export class NomineeRepository {
  constructor(private readonly sql: Sql) {}

  // ---- directory

  /** A page of the partners' directories, by name then id, after a keyset position. */
  page(ctx: RequestContext, partnerIds: readonly string[], search: string | null, after: { name: string; id: string } | null, limit: number): Promise<Nominee[]> {
    return this.sql.rows<Nominee>(
      ctx,
      `SELECT ${NOMINEE} FROM nominee n
        WHERE n.partner_id = ANY(:partnerIds::uuid[])
          AND (:search::text IS NULL OR lower(n.name) LIKE '%' || :search || '%' OR lower(coalesce(n.email, '')) LIKE '%' || :search || '%')
          AND (:afterName::text IS NULL OR (lower(n.name), n.id) > (:afterName, :afterId::uuid))
        ORDER BY lower(n.name), n.id LIMIT :limit`,
      { partnerIds: [...partnerIds], search, afterName: after?.name ?? null, afterId: after?.id ?? null, limit },
    );
  }

  async count(ctx: RequestContext, partnerIds: readonly string[], search: string | null): Promise<number> {
    const row = await this.sql.one<{ n: number }>(
      ctx,
      `SELECT count(*)::int AS n FROM nominee n WHERE n.partner_id = ANY(:partnerIds::uuid[])
          AND (:search::text IS NULL OR lower(n.name) LIKE '%' || :search || '%' OR lower(coalesce(n.email, '')) LIKE '%' || :search || '%')`,
      { partnerIds: [...partnerIds], search },
    );
    return row!.n;
  }

  async byIds(ctx: RequestContext, partnerId: string, ids: readonly string[]): Promise<Nominee[]> {
    return this.sql.rows<Nominee>(ctx, `SELECT ${NOMINEE} FROM nominee n WHERE n.partner_id = :partnerId AND n.id = ANY(:ids::uuid[])`, { partnerId, ids: [...ids] });
  }

  async insert(ctx: RequestContext, partnerId: string, row: NomineeRow): Promise<Nominee> {
    return (await this.sql.one<Nominee>(
      ctx,
      `INSERT INTO nominee AS n (partner_id, name, rank_or_title, email, clearance_level, language_profiles)
       VALUES (:partnerId, :name, :rank_or_title, :email, :clearance_level, :language_profiles::jsonb) RETURNING ${NOMINEE}`,
      { partnerId, ...row, language_profiles: JSON.stringify(row.language_profiles) },
    ))!;
  }

  /** Updates the partner's entry at that version; undefined when none matched. */
  update(ctx: RequestContext, partnerId: string, id: string, expectedVersion: number, row: NomineeRow): Promise<Nominee | undefined> {
    return this.sql.one<Nominee>(
      ctx,
      `UPDATE nominee AS n SET name = :name, rank_or_title = :rank_or_title, email = :email, clearance_level = :clearance_level,
              language_profiles = :language_profiles::jsonb, version = n.version + 1, updated_at = now()
        WHERE n.id = :id AND n.partner_id = :partnerId AND n.version = :expectedVersion RETURNING ${NOMINEE}`,
      { id, partnerId, expectedVersion, ...row, language_profiles: JSON.stringify(row.language_profiles) },
    );
  }

  async version(ctx: RequestContext, partnerId: string, id: string): Promise<number | undefined> {
    return (await this.sql.one<{ version: number }>(ctx, 'SELECT version FROM nominee WHERE id = :id AND partner_id = :partnerId', { id, partnerId }))?.version;
  }

  async remove(ctx: RequestContext, partnerId: string, id: string, expectedVersion: number): Promise<boolean> {
    return (await this.sql.execute(ctx, 'DELETE FROM nominee WHERE id = :id AND partner_id = :partnerId AND version = :expectedVersion', { id, partnerId, expectedVersion })) === 1;
  }

  // ---- attendance

  async today(ctx: RequestContext): Promise<string> {
    return (await this.sql.one<{ today: string }>(ctx, 'SELECT CURRENT_DATE::text AS today'))!.today;
  }

  attendanceOf(ctx: RequestContext, requestIds: readonly string[]): Promise<Array<NomineeAttendance & { requestId: string }>> {
    return this.sql.rows(
      ctx,
      `SELECT request_id AS "requestId", participant_index AS "participantIndex", participant_name AS "participantName", outcome, recorded_at AS "recordedAt"
         FROM nominee_attendance WHERE request_id = ANY(:ids::uuid[]) ORDER BY request_id, participant_index`,
      { ids: [...requestIds] },
    );
  }

  /** Records one outcome; returns the one it replaced (null when new). */
  async upsertAttendance(
    ctx: RequestContext,
    row: { requestId: string; participantIndex: number; partnerId: string; iterationId: string; nomineeId: string | null; participantName: string; outcome: AttendanceOutcome; recordedBy: string | null },
  ): Promise<AttendanceOutcome | null> {
    const previous = await this.sql.one<{ outcome: AttendanceOutcome }>(
      ctx,
      'SELECT outcome FROM nominee_attendance WHERE request_id = :requestId AND participant_index = :participantIndex FOR UPDATE',
      row,
    );
    await this.sql.execute(
      ctx,
      `INSERT INTO nominee_attendance (request_id, participant_index, partner_id, iteration_id, nominee_id, participant_name, outcome, recorded_by)
       VALUES (:requestId, :participantIndex, :partnerId, :iterationId, :nomineeId, :participantName, :outcome, :recordedBy)
       ON CONFLICT (request_id, participant_index) DO UPDATE SET outcome = EXCLUDED.outcome, participant_name = EXCLUDED.participant_name,
         nominee_id = EXCLUDED.nominee_id, recorded_by = EXCLUDED.recorded_by, recorded_at = clock_timestamp()`,
      row,
    );
    return previous?.outcome ?? null;
  }

  /** The partners' history, most recent first, after a keyset position. */
  history(ctx: RequestContext, partnerIds: readonly string[], after: { at: string; requestId: string; index: number } | null, limit: number): Promise<Array<TrainingRecord & { cursorAt: string }>> {
    return this.sql.rows<TrainingRecord & { cursorAt: string }>(
      ctx,
      `SELECT a.request_id AS "requestId", r.reference AS "requestReference", a.participant_index AS "participantIndex",
              a.participant_name AS "participantName", a.outcome, a.recorded_at AS "recordedAt", r.offering_id AS "offeringId", a.iteration_id AS "iterationId",
              a.recorded_at::text AS "cursorAt"
         FROM nominee_attendance a JOIN cooperation_request r ON r.id = a.request_id
        WHERE a.partner_id = ANY(:partnerIds::uuid[])
          AND (:afterAt::timestamptz IS NULL OR (a.recorded_at, a.request_id, a.participant_index) < (:afterAt::timestamptz, :afterRequest::uuid, :afterIndex::int))
        ORDER BY a.recorded_at DESC, a.request_id DESC, a.participant_index DESC LIMIT :limit`,
      { partnerIds: [...partnerIds], afterAt: after?.at ?? null, afterRequest: after?.requestId ?? null, afterIndex: after?.index ?? null, limit },
    );
  }

  async historyCount(ctx: RequestContext, partnerIds: readonly string[]): Promise<number> {
    return (await this.sql.one<{ n: number }>(ctx, 'SELECT count(*)::int AS n FROM nominee_attendance WHERE partner_id = ANY(:partnerIds::uuid[])', { partnerIds: [...partnerIds] }))!.n;
  }

  // ---- surveys

  /** Creates the request's survey unless it has one; the new survey's id, or undefined. */
  async createSurvey(ctx: RequestContext, row: { requestId: string; partnerId: string; offeringId: string; iterationId: string }): Promise<string | undefined> {
    return (
      await this.sql.one<{ id: string }>(
        ctx,
        `INSERT INTO course_survey (request_id, partner_id, offering_id, iteration_id) VALUES (:requestId, :partnerId, :offeringId, :iterationId)
         ON CONFLICT (request_id) DO NOTHING RETURNING id`,
        row,
      )
    )?.id;
  }

  surveysPage(ctx: RequestContext, partnerId: string, status: SurveyStatus | null, after: { at: string; id: string } | null, limit: number): Promise<SurveyRow[]> {
    return this.sql.rows<SurveyRow>(
      ctx,
      `SELECT ${SURVEY} FROM course_survey s JOIN cooperation_request r ON r.id = s.request_id
        WHERE s.partner_id = :partnerId AND (:status::text IS NULL OR s.status = :status)
          AND (:afterAt::timestamptz IS NULL OR (s.sent_at, s.id) < (:afterAt::timestamptz, :afterId::uuid))
        ORDER BY s.sent_at DESC, s.id DESC LIMIT :limit`,
      { partnerId, status, afterAt: after?.at ?? null, afterId: after?.id ?? null, limit },
    );
  }

  async surveysCount(ctx: RequestContext, partnerId: string, status: SurveyStatus | null): Promise<number> {
    return (await this.sql.one<{ n: number }>(ctx, 'SELECT count(*)::int AS n FROM course_survey WHERE partner_id = :partnerId AND (:status::text IS NULL OR status = :status)', { partnerId, status }))!.n;
  }

  lockSurvey(ctx: RequestContext, partnerId: string, id: string): Promise<SurveyRow | undefined> {
    return this.sql.one<SurveyRow>(
      ctx,
      `SELECT ${SURVEY} FROM course_survey s JOIN cooperation_request r ON r.id = s.request_id WHERE s.id = :id AND s.partner_id = :partnerId FOR UPDATE OF s`,
      { id, partnerId },
    );
  }

  async submitSurvey(
    ctx: RequestContext,
    id: string,
    answers: { ratingOverall: number; ratingContent: number; ratingOrganisation: number; ratingRelevance: number; comments: string | null; submittedBy: string },
  ): Promise<SurveyRow> {
    await this.sql.execute(
      ctx,
      `UPDATE course_survey SET status = 'SUBMITTED', rating_overall = :ratingOverall, rating_content = :ratingContent, rating_organisation = :ratingOrganisation,
              rating_relevance = :ratingRelevance, comments = :comments, submitted_by = :submittedBy, submitted_at = now()
        WHERE id = :id AND status = 'PENDING'`,
      { id, ...answers },
    );
    return (await this.sql.one<SurveyRow>(ctx, `SELECT ${SURVEY} FROM course_survey s JOIN cooperation_request r ON r.id = s.request_id WHERE s.id = :id`, { id }))!;
  }

  async aggregate(ctx: RequestContext, offeringId: string, iterationId: string | null): Promise<SurveyAggregate> {
    return (await this.sql.one<SurveyAggregate>(
      ctx,
      `SELECT count(*) FILTER (WHERE status = 'SUBMITTED')::int AS responses, count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              round(avg(rating_overall), 2)::float8 AS "averageOverall", round(avg(rating_content), 2)::float8 AS "averageContent",
              round(avg(rating_organisation), 2)::float8 AS "averageOrganisation", round(avg(rating_relevance), 2)::float8 AS "averageRelevance"
         FROM course_survey WHERE offering_id = :offeringId AND (:iterationId::uuid IS NULL OR iteration_id = :iterationId::uuid)`,
      { offeringId, iterationId },
    ))!;
  }

  /** Comments of submitted surveys, most recent first. */
  comments(ctx: RequestContext, offeringId: string, iterationId: string | null, limit: number): Promise<Array<Omit<SurveyComment, 'partnerCode'> & { partnerId: string }>> {
    return this.sql.rows(
      ctx,
      `SELECT s.partner_id AS "partnerId", s.iteration_id AS "iterationId", s.comments AS text, s.submitted_at AS "submittedAt"
         FROM course_survey s
        WHERE s.offering_id = :offeringId AND (:iterationId::uuid IS NULL OR s.iteration_id = :iterationId::uuid)
          AND s.status = 'SUBMITTED' AND s.comments IS NOT NULL AND s.comments <> ''
        ORDER BY s.submitted_at DESC, s.id LIMIT :limit`,
      { offeringId, iterationId, limit },
    );
  }
}

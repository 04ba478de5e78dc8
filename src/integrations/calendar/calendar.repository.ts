import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { Sql } from '../../common/database/sql.js';

/** An iteration as a feed shows it: its offering's code and titles, and the owning section's time zone for the deadline. */
export interface FeedIterationRow {
  id: string;
  offeringId: string;
  code: string;
  titleEn: string | null;
  titleFr: string | null;
  startDate: string;
  endDate: string;
  location: string | null;
  applicationDeadline: string | null;
  status: string;
  timeZone: string;
  updatedAt: Date;
}

/** A request of the feed's owner with dates: the iteration's when it has one, else the desired period. */
export interface FeedRequestRow {
  id: string;
  reference: string;
  title: string;
  status: string;
  startDate: string;
  endDate: string;
  location: string | null;
  updatedAt: Date;
}

/** How far back a feed reaches: calendar clients keep what they already have. */
const PAST_DAYS = 90;
/** At most this many iterations in the public feed (the catalogue is small: hundreds). */
const CATALOGUE_LIMIT = 5000;

const ITERATION = `i.id, o.id AS "offeringId", o.code, o.title_en AS "titleEn", o.title_fr AS "titleFr", i.start_date::text AS "startDate",
  i.end_date::text AS "endDate", i.location, i.application_deadline::text AS "applicationDeadline", i.status, s.time_zone AS "timeZone",
  i.updated_at AS "updatedAt"`;

/**
 * Every statement on calendar_feed and offering_follow, and the feeds' reads. A feed is fetched by calendar clients
 * on a timer (every subscriber, every few minutes), without a session: one statement per part, joining the
 * catalogue's published offerings and iterations, the owning section's time zone and the owner's requests, is the
 * documented exception to reading through other contexts' services (ARCHITECTURE, "Repositories and the Sql style").
 * Only published offerings appear; a person's requests are those they submitted for their partner, or are assigned.
 */
@Injectable()
export class CalendarRepository {
  constructor(private readonly sql: Sql) {}

  /** The owner of an active feed token (by its SHA-256) and their language; none when revoked or the user inactive. */
  async ownerOf(ctx: RequestContext, tokenHash: Buffer): Promise<{ userId: string; language: string } | undefined> {
    return this.sql.one(ctx, 'SELECT u.id AS "userId", u.language FROM calendar_feed f JOIN app_user u ON u.id = f.user_id AND u.active WHERE f.token_hash = :tokenHash', { tokenHash });
  }

  async feedOf(ctx: RequestContext, userId: string): Promise<{ createdAt: Date } | undefined> {
    return this.sql.one(ctx, 'SELECT created_at AS "createdAt" FROM calendar_feed WHERE user_id = :userId', { userId });
  }

  /** A new token for the user's feed; the old one stops working in the same statement. */
  async replaceToken(ctx: RequestContext, userId: string, tokenHash: Buffer): Promise<Date> {
    const row = await this.sql.one<{ createdAt: Date }>(
      ctx,
      `INSERT INTO calendar_feed (user_id, token_hash) VALUES (:userId, :tokenHash)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now() RETURNING created_at AS "createdAt"`,
      { userId, tokenHash },
    );
    return row!.createdAt;
  }

  async revoke(ctx: RequestContext, userId: string): Promise<number> {
    return this.sql.execute(ctx, 'DELETE FROM calendar_feed WHERE user_id = :userId', { userId });
  }

  async follow(ctx: RequestContext, userId: string, offeringId: string): Promise<number> {
    return this.sql.execute(ctx, 'INSERT INTO offering_follow (user_id, offering_id) VALUES (:userId, :offeringId) ON CONFLICT DO NOTHING', { userId, offeringId });
  }

  async unfollow(ctx: RequestContext, userId: string, offeringId: string): Promise<number> {
    return this.sql.execute(ctx, 'DELETE FROM offering_follow WHERE user_id = :userId AND offering_id = :offeringId', { userId, offeringId });
  }

  /** Which of these offerings the user follows (a loader batch). */
  async followed(ctx: RequestContext, userId: string, offeringIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.sql.rows<{ id: string }>(ctx, 'SELECT offering_id AS id FROM offering_follow WHERE user_id = :userId AND offering_id = ANY(CAST(:offeringIds AS uuid[]))', {
      userId,
      offeringIds,
    });
    return new Set(rows.map((r) => r.id));
  }

  /** Iterations of the published offerings the user follows, from PAST_DAYS ago on. */
  async followedIterations(ctx: RequestContext, userId: string): Promise<FeedIterationRow[]> {
    return this.sql.rows<FeedIterationRow>(
      ctx,
      `SELECT ${ITERATION} FROM offering_follow f
         JOIN offering o ON o.id = f.offering_id AND o.status = 'PUBLISHED'
         JOIN offering_iteration i ON i.offering_id = o.id
         JOIN section s ON s.id = o.owning_section_id
        WHERE f.user_id = :userId AND i.end_date >= CURRENT_DATE - ${PAST_DAYS}
        ORDER BY i.start_date, i.id`,
      { userId },
    );
  }

  /** Iterations of every published offering, from PAST_DAYS ago on (the public catalogue feed). */
  async catalogueIterations(ctx: RequestContext): Promise<FeedIterationRow[]> {
    return this.sql.rows<FeedIterationRow>(
      ctx,
      `SELECT ${ITERATION} FROM offering o
         JOIN offering_iteration i ON i.offering_id = o.id
         JOIN section s ON s.id = o.owning_section_id
        WHERE o.status = 'PUBLISHED' AND i.end_date >= CURRENT_DATE - ${PAST_DAYS}
        ORDER BY i.start_date, i.id LIMIT ${CATALOGUE_LIMIT}`,
    );
  }

  /** The user's approved, scheduled and completed requests with dates. */
  async requestDates(ctx: RequestContext, userId: string): Promise<FeedRequestRow[]> {
    return this.sql.rows<FeedRequestRow>(
      ctx,
      `SELECT r.id, r.reference, r.title, r.status, COALESCE(i.start_date, r.desired_start)::text AS "startDate",
              COALESCE(i.end_date, r.desired_end, r.desired_start)::text AS "endDate", i.location, r.updated_at AS "updatedAt"
         FROM app_user u
         JOIN cooperation_request r ON (r.submitter_id = u.id AND r.partner_id = u.partner_id) OR r.assignee_id = u.id
         LEFT JOIN offering_iteration i ON i.id = r.iteration_id
        WHERE u.id = :userId AND u.active AND r.status IN ('APPROVED', 'SCHEDULED', 'COMPLETED')
          AND COALESCE(i.start_date, r.desired_start) IS NOT NULL
          AND COALESCE(i.end_date, r.desired_end, r.desired_start) >= CURRENT_DATE - ${PAST_DAYS}
        ORDER BY 5, r.id`,
      { userId },
    );
  }
}

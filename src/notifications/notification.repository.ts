import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import { Notification } from './notification.entity.js';

/** An in-app notice's columns, the same for every recipient of it. */
export interface NoticeColumns {
  /** Null for notices about no request (e.g. a webhook endpoint disabled). */
  requestId: string | null;
  kind: string;
  titleEn: string;
  titleFr: string;
  bodyEn: string;
  bodyFr: string;
}

export type NotificationRow = Omit<Notification, 'title' | 'body'>;

const NOTIFICATION = `n.id, n.recipient_id AS "recipientId", n.request_id AS "requestId", n.kind, n.title AS "titleEn", n.title_fr AS "titleFr",
  n.body AS "bodyEn", n.body_fr AS "bodyFr", n.created_at AS "createdAt", n.read_at AS "readAt"`;

const toNotification = (row: NotificationRow): Notification => Object.assign(new Notification(), row);

/**
 * Every statement on in-app notices (notification). The inserts pick their recipients from identity's tables
 * in the same statement (active users; a section's active staff): one statement per notice, inside the
 * change's unit of work, instead of a lookup through IdentityModule and then an insert.
 */
@Injectable()
export class NotificationRepository {
  constructor(private readonly sql: Sql) {}

  /** One notice for each of these users that is active. */
  async insertForUsers(ctx: RequestContext, userIds: readonly string[], notice: NoticeColumns): Promise<void> {
    await this.sql.execute(
      ctx,
      `INSERT INTO notification (recipient_id, request_id, kind, title, title_fr, body, body_fr)
       SELECT u.id, :requestId, :kind, :titleEn, :titleFr, :bodyEn, :bodyFr FROM app_user u WHERE u.id = ANY(:userIds::uuid[]) AND u.active`,
      { ...notice, userIds },
    );
  }

  /** One notice for each active user of the role (e.g. every administrator). */
  async insertForRole(ctx: RequestContext, role: string, notice: NoticeColumns): Promise<void> {
    await this.sql.execute(
      ctx,
      `INSERT INTO notification (recipient_id, request_id, kind, title, title_fr, body, body_fr)
       SELECT u.id, :requestId, :kind, :titleEn, :titleFr, :bodyEn, :bodyFr FROM app_user u WHERE u.role = :role AND u.active`,
      { ...notice, role },
    );
  }

  /** One notice for each active staff member of the section. */
  async insertForSectionStaff(ctx: RequestContext, sectionId: string, notice: NoticeColumns): Promise<void> {
    await this.sql.execute(
      ctx,
      `INSERT INTO notification (recipient_id, request_id, kind, title, title_fr, body, body_fr)
       SELECT u.id, :requestId, :kind, :titleEn, :titleFr, :bodyEn, :bodyFr FROM user_section us JOIN app_user u ON u.id = us.user_id
        WHERE us.section_id = :sectionId AND u.active AND u.role = 'SECTION_STAFF'`,
      { ...notice, sectionId },
    );
  }

  /**
   * A page of the recipient's notices, newest first (ties by id), strictly after `after` when given, `limit`
   * rows at most.
   */
  async page(ctx: RequestContext, recipientId: string, where: { unreadOnly: boolean; after?: { at: string; id: string } }, limit: number): Promise<Notification[]> {
    const conditions = ['n.recipient_id = :recipientId'];
    const params: Record<string, unknown> = { recipientId, limit };
    if (where.unreadOnly) conditions.push('n.read_at IS NULL');
    if (where.after) {
      conditions.push('(n.created_at < CAST(:at AS timestamptz) OR (n.created_at = CAST(:at AS timestamptz) AND n.id > CAST(:id AS uuid)))');
      params.at = where.after.at;
      params.id = where.after.id;
    }
    const rows = await this.sql.rows<NotificationRow>(
      ctx,
      `SELECT ${NOTIFICATION} FROM notification n WHERE ${conditions.join(' AND ')} ORDER BY n.created_at DESC, n.id ASC LIMIT :limit`,
      params,
    );
    return rows.map(toNotification);
  }

  /** How many of the recipient's notices there are (only unread ones when asked), and how many are unread. */
  async counts(ctx: RequestContext, recipientId: string, unreadOnly: boolean): Promise<{ total: number; unread: number }> {
    return (await this.sql.one<{ total: number; unread: number }>(
      ctx,
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE n.read_at IS NULL)::int AS unread
         FROM notification n WHERE n.recipient_id = :recipientId ${unreadOnly ? 'AND n.read_at IS NULL' : ''}`,
      { recipientId },
    ))!;
  }

  /** Marks the recipient's unread notices about the request read (the request was opened). Returns how many changed. */
  async markReadForRequest(ctx: RequestContext, recipientId: string, requestId: string): Promise<number> {
    return this.sql.execute(ctx, 'UPDATE notification SET read_at = now() WHERE recipient_id = :recipientId AND request_id = :requestId AND read_at IS NULL', { recipientId, requestId });
  }

  /** Marks the recipient's unread notices read: these ids, or all when `ids` is null. Returns how many changed. */
  async markRead(ctx: RequestContext, recipientId: string, ids: readonly string[] | null): Promise<number> {
    return this.sql.execute(
      ctx,
      'UPDATE notification SET read_at = now() WHERE recipient_id = :recipientId AND read_at IS NULL AND (:ids::uuid[] IS NULL OR id = ANY(:ids::uuid[]))',
      { recipientId, ids },
    );
  }
}

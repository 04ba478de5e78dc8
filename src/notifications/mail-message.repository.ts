import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { MailStatus } from './mail-message.entity.js';

export interface MailContent {
  /** The request the mail is about; null for account mail (invitations, password links). */
  requestId: string | null;
  subject: string;
  body: string;
}

/** A mail in both languages; each user gets theirs. */
export interface LocalisedMail {
  requestId: string | null;
  subjectEn: string;
  subjectFr: string;
  bodyEn: string;
  bodyFr: string;
}

/** A message as the worker reads it to deliver it. */
export interface MailDeliveryRow {
  id: string;
  toAddress: string;
  subject: string;
  body: string;
  status: MailStatus;
}

/**
 * Every statement on the mail outbox (mail_message). The inserts read the address in the same statement
 * (a user's email, a section's mailbox), so a mail costs one statement in the change's unit of work.
 */
@Injectable()
export class MailMessageRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * A message to the user's address in the user's language; none when the user is inactive, or when `kind` is
   * given and the user's preference for it is not IMMEDIATE (the default). Returns the ids inserted.
   */
  async insertForUser(ctx: RequestContext, userId: string, mail: LocalisedMail, kind: string | null = null): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      ctx,
      `INSERT INTO mail_message (request_id, to_address, subject, body)
       SELECT :requestId, u.email, CASE WHEN u.language = 'fr' THEN :subjectFr ELSE :subjectEn END, CASE WHEN u.language = 'fr' THEN :bodyFr ELSE :bodyEn END
         FROM app_user u WHERE u.id = :userId AND u.active
          AND (CAST(:kind AS text) IS NULL OR COALESCE((SELECT p.delivery FROM notification_preference p WHERE p.user_id = u.id AND p.kind = :kind), 'IMMEDIATE') = 'IMMEDIATE')
       RETURNING id`,
      { ...mail, userId, kind },
    );
    return rows.map((r) => r.id);
  }

  /** Keeps the mail for the user's daily digest when that is their preference for `kind`. */
  async insertDigestItem(ctx: RequestContext, userId: string, mail: LocalisedMail, kind: string): Promise<void> {
    await this.sql.execute(
      ctx,
      `INSERT INTO mail_digest_item (user_id, request_id, kind, subject, body)
       SELECT u.id, :requestId, :kind, CASE WHEN u.language = 'fr' THEN :subjectFr ELSE :subjectEn END, CASE WHEN u.language = 'fr' THEN :bodyFr ELSE :bodyEn END
         FROM app_user u JOIN notification_preference p ON p.user_id = u.id AND p.kind = :kind AND p.delivery = 'DAILY_DIGEST'
        WHERE u.id = :userId AND u.active`,
      { ...mail, userId, kind },
    );
  }

  /** Users with digest items waiting. */
  async digestRecipients(ctx: RequestContext): Promise<string[]> {
    return (await this.sql.rows<{ userId: string }>(ctx, 'SELECT DISTINCT user_id AS "userId" FROM mail_digest_item')).map((r) => r.userId);
  }

  /**
   * Takes the user's waiting digest items (deleted in the caller's unit of work: a second run waits for the rows,
   * then finds none), oldest first, with the user's language; none when the user is inactive.
   */
  async takeDigest(ctx: RequestContext, userId: string): Promise<{ language: string; items: Array<{ subject: string; body: string; createdAt: Date }> }> {
    const items = await this.sql.rows<{ subject: string; body: string; createdAt: Date }>(
      ctx,
      'DELETE FROM mail_digest_item WHERE user_id = :userId RETURNING subject, body, created_at AS "createdAt"',
      { userId },
    );
    const user = await this.sql.one<{ language: string }>(ctx, 'SELECT language FROM app_user WHERE id = :userId AND active', { userId });
    return { language: user?.language ?? 'en', items: user ? items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()) : [] };
  }

  /** A user's preferences per notice kind (kinds without a row are IMMEDIATE). */
  async preferences(ctx: RequestContext, userId: string): Promise<Map<string, string>> {
    const rows = await this.sql.rows<{ kind: string; delivery: string }>(ctx, 'SELECT kind, delivery FROM notification_preference WHERE user_id = :userId', { userId });
    return new Map(rows.map((r) => [r.kind, r.delivery]));
  }

  async setPreference(ctx: RequestContext, userId: string, kind: string, delivery: string): Promise<void> {
    await this.sql.execute(
      ctx,
      `INSERT INTO notification_preference (user_id, kind, delivery) VALUES (:userId, :kind, :delivery)
       ON CONFLICT (user_id, kind) DO UPDATE SET delivery = EXCLUDED.delivery`,
      { userId, kind, delivery },
    );
  }

  /** A message to every active user of the role, each in their language. Returns the ids inserted. */
  async insertForRole(ctx: RequestContext, role: string, mail: LocalisedMail): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      ctx,
      `INSERT INTO mail_message (request_id, to_address, subject, body)
       SELECT :requestId, u.email, CASE WHEN u.language = 'fr' THEN :subjectFr ELSE :subjectEn END, CASE WHEN u.language = 'fr' THEN :bodyFr ELSE :bodyEn END
         FROM app_user u WHERE u.role = :role AND u.active RETURNING id`,
      { ...mail, role },
    );
    return rows.map((r) => r.id);
  }

  /** A message to the section's contact mailbox. Returns the ids inserted. */
  async insertForSection(ctx: RequestContext, sectionId: string, mail: MailContent): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      ctx,
      `INSERT INTO mail_message (request_id, to_address, subject, body)
       SELECT :requestId, s.mailbox, :subject, :body FROM section s WHERE s.id = :sectionId RETURNING id`,
      { ...mail, sectionId },
    );
    return rows.map((r) => r.id);
  }

  /** The message, row-locked until the unit of work ends: a second worker waits, then sees it done. */
  async lockForDelivery(ctx: RequestContext, id: string): Promise<MailDeliveryRow | undefined> {
    return this.sql.one<MailDeliveryRow>(ctx, 'SELECT id, to_address AS "toAddress", subject, body, status FROM mail_message WHERE id = :id FOR UPDATE', { id });
  }

  async markDelivered(ctx: RequestContext, id: string, status: Extract<MailStatus, 'SENT' | 'RECORDED'>): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE mail_message SET status = :status, attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = :id', { id, status });
  }

  async recordFailure(ctx: RequestContext, id: string, error: string): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE mail_message SET attempts = attempts + 1, last_error = :error WHERE id = :id', { id, error });
  }
}

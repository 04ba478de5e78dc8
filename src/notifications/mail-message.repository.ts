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

  /** A message to the user's address; none when the user is inactive. Returns the ids inserted. */
  async insertForUser(ctx: RequestContext, userId: string, mail: MailContent): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      ctx,
      `INSERT INTO mail_message (request_id, to_address, subject, body)
       SELECT :requestId, u.email, :subject, :body FROM app_user u WHERE u.id = :userId AND u.active RETURNING id`,
      { ...mail, userId },
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

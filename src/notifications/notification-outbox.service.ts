import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from './job-queue.service.js';

export interface Notice {
  kind: string;
  title: string;
  body: string;
  requestId: string | null;
}

export interface Mail {
  to: string;
  subject: string;
  body: string;
  requestId: string | null;
}

/**
 * Writes notifications with the caller's transaction: in-app rows, and mail as an outbox row plus a
 * pg-boss job. Nothing is sent from here: if the change rolls back, so does every notice of it.
 */
@Injectable()
export class NotificationOutbox {
  constructor(private readonly jobs: JobQueue) {}

  async notifyUsers(manager: EntityManager, userIds: readonly string[], notice: Notice): Promise<void> {
    if (userIds.length === 0) return;
    await manager.query(
      `INSERT INTO notification (recipient_id, request_id, kind, title, body)
       SELECT u.id, $2, $3, $4, $5 FROM app_user u WHERE u.id = ANY($1::uuid[]) AND u.active`,
      [[...new Set(userIds)], notice.requestId, notice.kind, notice.title, notice.body],
    );
  }

  /** Every active staff member of the section. */
  async notifySection(manager: EntityManager, sectionId: string, notice: Notice): Promise<void> {
    await manager.query(
      `INSERT INTO notification (recipient_id, request_id, kind, title, body)
       SELECT u.id, $2, $3, $4, $5 FROM user_section us JOIN app_user u ON u.id = us.user_id
        WHERE us.section_id = $1 AND u.active AND u.role = 'SECTION_STAFF'`,
      [sectionId, notice.requestId, notice.kind, notice.title, notice.body],
    );
  }

  async mail(manager: EntityManager, mail: Mail): Promise<void> {
    const rows = (await manager.query(
      'INSERT INTO mail_message (request_id, to_address, subject, body) VALUES ($1, $2, $3, $4) RETURNING id',
      [mail.requestId, mail.to, mail.subject, mail.body],
    )) as { id: string }[];
    await this.enqueue(manager, rows);
  }

  /** Mail to a user's address (nothing when the user is inactive). */
  async mailUser(manager: EntityManager, userId: string, mail: Omit<Mail, 'to'>): Promise<void> {
    const rows = (await manager.query(
      `INSERT INTO mail_message (request_id, to_address, subject, body)
       SELECT $2, u.email, $3, $4 FROM app_user u WHERE u.id = $1 AND u.active RETURNING id`,
      [userId, mail.requestId, mail.subject, mail.body],
    )) as { id: string }[];
    await this.enqueue(manager, rows);
  }

  /** Mail to a section's contact mailbox. */
  async mailSection(manager: EntityManager, sectionId: string, mail: Omit<Mail, 'to'>): Promise<void> {
    const rows = (await manager.query(
      `INSERT INTO mail_message (request_id, to_address, subject, body)
       SELECT $2, s.mailbox, $3, $4 FROM section s WHERE s.id = $1 RETURNING id`,
      [sectionId, mail.requestId, mail.subject, mail.body],
    )) as { id: string }[];
    await this.enqueue(manager, rows);
  }

  private async enqueue(manager: EntityManager, rows: { id: string }[]): Promise<void> {
    for (const row of rows) await this.jobs.sendMail(manager, { mailId: row.id });
  }
}

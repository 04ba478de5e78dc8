import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from './job-queue.service.js';

/** A text in both languages of the portal. */
export interface Bilingual {
  en: string;
  fr: string;
}

/** What happened to a request, for the people to tell: in-app in their content language, by mail in both. */
export interface Notice {
  kind: string;
  requestId: string;
  /** The request's reference, which leads the title and the mail subject. */
  reference: string;
  title: Bilingual;
  body: Bilingual;
}

/** The mail of a notice: both languages, English first (the portal's users read either). */
function mailOf(notice: Notice): { subject: string; body: string } {
  return {
    subject: `[${notice.reference}] ${notice.title.en} / ${notice.title.fr}`,
    body: `${notice.body.en}\n\n---\n\n${notice.body.fr}`,
  };
}

/** The columns of an in-app notice, in the order of NOTICE_COLUMNS. */
function noticeValues(notice: Notice): unknown[] {
  const titled = (text: string) => `[${notice.reference}] ${text}`;
  return [notice.requestId, notice.kind, titled(notice.title.en), titled(notice.title.fr), notice.body.en, notice.body.fr];
}
const NOTICE_COLUMNS = 'request_id, kind, title, title_fr, body, body_fr';

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
      `INSERT INTO notification (recipient_id, ${NOTICE_COLUMNS})
       SELECT u.id, $2, $3, $4, $5, $6, $7 FROM app_user u WHERE u.id = ANY($1::uuid[]) AND u.active`,
      [[...new Set(userIds)], ...noticeValues(notice)],
    );
  }

  /** Every active staff member of the section. */
  async notifySection(manager: EntityManager, sectionId: string, notice: Notice): Promise<void> {
    await manager.query(
      `INSERT INTO notification (recipient_id, ${NOTICE_COLUMNS})
       SELECT u.id, $2, $3, $4, $5, $6, $7 FROM user_section us JOIN app_user u ON u.id = us.user_id
        WHERE us.section_id = $1 AND u.active AND u.role = 'SECTION_STAFF'`,
      [sectionId, ...noticeValues(notice)],
    );
  }

  /** Mail to a user's address (nothing when the user is inactive). */
  async mailUser(manager: EntityManager, userId: string, notice: Notice): Promise<void> {
    const mail = mailOf(notice);
    const rows = (await manager.query(
      `INSERT INTO mail_message (request_id, to_address, subject, body)
       SELECT $2, u.email, $3, $4 FROM app_user u WHERE u.id = $1 AND u.active RETURNING id`,
      [userId, notice.requestId, mail.subject, mail.body],
    )) as { id: string }[];
    await this.enqueue(manager, rows);
  }

  /** Mail to a section's contact mailbox. */
  async mailSection(manager: EntityManager, sectionId: string, notice: Notice): Promise<void> {
    const mail = mailOf(notice);
    const rows = (await manager.query(
      `INSERT INTO mail_message (request_id, to_address, subject, body)
       SELECT $2, s.mailbox, $3, $4 FROM section s WHERE s.id = $1 RETURNING id`,
      [sectionId, notice.requestId, mail.subject, mail.body],
    )) as { id: string }[];
    await this.enqueue(manager, rows);
  }

  private async enqueue(manager: EntityManager, rows: { id: string }[]): Promise<void> {
    for (const row of rows) await this.jobs.sendMail(manager, { mailId: row.id });
  }
}

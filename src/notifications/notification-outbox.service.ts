import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { JobQueue } from './job-queue.service.js';
import { MailMessageRepository } from './mail-message.repository.js';
import { NotificationRepository, type NoticeColumns } from './notification.repository.js';

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

/** The columns of a notice's in-app rows: the title led by the request's reference. */
function columnsOf(notice: Notice): NoticeColumns {
  const titled = (text: string) => `[${notice.reference}] ${text}`;
  return { requestId: notice.requestId, kind: notice.kind, titleEn: titled(notice.title.en), titleFr: titled(notice.title.fr), bodyEn: notice.body.en, bodyFr: notice.body.fr };
}

/**
 * Writes notifications in the caller's unit of work (`tx`): in-app rows, and mail as an outbox row plus a
 * pg-boss job. Nothing is sent from here: if the change rolls back, so does every notice of it.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly mails: MailMessageRepository,
    private readonly jobs: JobQueue,
  ) {}

  async notifyUsers(tx: RequestContext, userIds: readonly string[], notice: Notice): Promise<void> {
    if (userIds.length === 0) return;
    await this.notifications.insertForUsers(tx, [...new Set(userIds)], columnsOf(notice));
  }

  /** Every active staff member of the section. */
  async notifySection(tx: RequestContext, sectionId: string, notice: Notice): Promise<void> {
    await this.notifications.insertForSectionStaff(tx, sectionId, columnsOf(notice));
  }

  /** Mail to a user's address (nothing when the user is inactive). */
  async mailUser(tx: RequestContext, userId: string, notice: Notice): Promise<void> {
    await this.enqueue(tx, await this.mails.insertForUser(tx, userId, { requestId: notice.requestId, ...mailOf(notice) }));
  }

  /**
   * Account mail (an invitation, a password link) to a user's address, both languages, English first; nothing
   * when the user is inactive. Written in the caller's unit of work like every other mail.
   */
  async mailAccount(tx: RequestContext, userId: string, mail: { subject: Bilingual; body: Bilingual }): Promise<void> {
    const content = { requestId: null, subject: `${mail.subject.en} / ${mail.subject.fr}`, body: `${mail.body.en}\n\n---\n\n${mail.body.fr}` };
    await this.enqueue(tx, await this.mails.insertForUser(tx, userId, content));
  }

  /** Mail to a section's contact mailbox. */
  async mailSection(tx: RequestContext, sectionId: string, notice: Notice): Promise<void> {
    await this.enqueue(tx, await this.mails.insertForSection(tx, sectionId, { requestId: notice.requestId, ...mailOf(notice) }));
  }

  private async enqueue(tx: RequestContext, mailIds: string[]): Promise<void> {
    for (const mailId of mailIds) await this.jobs.sendMail(tx, { mailId });
  }
}

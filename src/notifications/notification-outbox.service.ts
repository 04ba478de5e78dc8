import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { AppConfig } from '../config/app-config.js';
import { JobQueue } from './job-queue.service.js';
import { MailMessageRepository, type LocalisedMail } from './mail-message.repository.js';
import { NotificationRepository, type NoticeColumns } from './notification.repository.js';

/** A text in both languages of the portal. */
export interface Bilingual {
  en: string;
  fr: string;
}

/** What happened to a request, for the people to tell: in-app in their content language, by mail in their language. */
export interface Notice {
  kind: string;
  requestId: string;
  /** The request's reference, which leads the title and the mail subject. */
  reference: string;
  title: Bilingual;
  body: Bilingual;
}

/** A notice about no request (e.g. to administrators: a webhook endpoint was disabled). */
export interface GeneralNotice {
  kind: string;
  title: Bilingual;
  body: Bilingual;
  /** Where in the web app to act on it (a path, e.g. /admin/webhooks), linked from the mail. */
  path: string;
}

const OPEN: Bilingual = { en: 'Open it', fr: 'Ouvrir' };

/** The columns of a notice's in-app rows: the title led by the request's reference. */
function columnsOf(notice: Notice): NoticeColumns {
  const titled = (text: string) => `[${notice.reference}] ${text}`;
  return { requestId: notice.requestId, kind: notice.kind, titleEn: titled(notice.title.en), titleFr: titled(notice.title.fr), bodyEn: notice.body.en, bodyFr: notice.body.fr };
}

/**
 * Writes notifications in the caller's unit of work (`tx`): in-app rows, and mail as an outbox row plus a
 * pg-boss job (or a digest item, by the user's preference). Nothing is sent from here: if the change rolls back,
 * so does every notice of it. Mail to a person is in their language and links to the request (PUBLIC_URL).
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly mails: MailMessageRepository,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /** The web app's page of the request: the mail's link. */
  requestLink(requestId: string): string {
    return `${this.config.publicUrl}/requests/${requestId}`;
  }

  async notifyUsers(tx: RequestContext, userIds: readonly string[], notice: Notice): Promise<void> {
    if (userIds.length === 0) return;
    await this.notifications.insertForUsers(tx, [...new Set(userIds)], columnsOf(notice));
  }

  /** Every active staff member of the section. */
  async notifySection(tx: RequestContext, sectionId: string, notice: Notice): Promise<void> {
    await this.notifications.insertForSectionStaff(tx, sectionId, columnsOf(notice));
  }

  /**
   * Mail to a user (nothing when the user is inactive), in their language, by their preference for the notice's
   * kind: at once (the default), in the next daily digest, or not at all.
   */
  async mailUser(tx: RequestContext, userId: string, notice: Notice): Promise<void> {
    const mail = this.localised(notice);
    const sent = await this.mails.insertForUser(tx, userId, mail, notice.kind);
    if (sent.length === 0) await this.mails.insertDigestItem(tx, userId, mail, notice.kind);
    await this.enqueue(tx, sent);
  }

  /**
   * Account mail (an invitation, a password link) to a user's address, both languages, English first, always at
   * once: an invited person has not chosen a language yet. Nothing when the user is inactive. Written in the
   * caller's unit of work like every other mail.
   */
  async mailAccount(tx: RequestContext, userId: string, mail: { subject: Bilingual; body: Bilingual }): Promise<void> {
    const subject = `${mail.subject.en} / ${mail.subject.fr}`;
    const body = `${mail.body.en}\n\n---\n\n${mail.body.fr}`;
    const content = { requestId: null, subjectEn: subject, subjectFr: subject, bodyEn: body, bodyFr: body };
    await this.enqueue(tx, await this.mails.insertForUser(tx, userId, content));
  }

  /** Mail to a section's contact mailbox: a shared address, so both languages, English first. */
  async mailSection(tx: RequestContext, sectionId: string, notice: Notice): Promise<void> {
    const link = this.requestLink(notice.requestId);
    const content = {
      requestId: notice.requestId,
      subject: `[${notice.reference}] ${notice.title.en} / ${notice.title.fr}`,
      body: `${notice.body.en}\n\n${OPEN.en}: ${link}\n\n---\n\n${notice.body.fr}\n\n${OPEN.fr} : ${link}`,
    };
    await this.enqueue(tx, await this.mails.insertForSection(tx, sectionId, content));
  }

  /** Every active administrator: in-app, and mail at once in their language. */
  async noticeAdmins(tx: RequestContext, notice: GeneralNotice): Promise<void> {
    await this.notifications.insertForRole(tx, 'ADMIN', { requestId: null, kind: notice.kind, titleEn: notice.title.en, titleFr: notice.title.fr, bodyEn: notice.body.en, bodyFr: notice.body.fr });
    const link = `${this.config.publicUrl}${notice.path}`;
    const mail = { requestId: null, subjectEn: notice.title.en, subjectFr: notice.title.fr, bodyEn: `${notice.body.en}\n\n${OPEN.en}: ${link}`, bodyFr: `${notice.body.fr}\n\n${OPEN.fr} : ${link}` };
    await this.enqueue(tx, await this.mails.insertForRole(tx, 'ADMIN', mail));
  }

  /** Queues a composed mail already in the outbox (the daily digest). */
  enqueue(tx: RequestContext, mailIds: string[]): Promise<void> {
    return mailIds.reduce((p, mailId) => p.then(() => this.jobs.sendMail(tx, { mailId })), Promise.resolve());
  }

  private localised(notice: Notice): LocalisedMail {
    const link = this.requestLink(notice.requestId);
    return {
      requestId: notice.requestId,
      subjectEn: `[${notice.reference}] ${notice.title.en}`,
      subjectFr: `[${notice.reference}] ${notice.title.fr}`,
      bodyEn: `${notice.body.en}\n\n${OPEN.en}: ${link}`,
      bodyFr: `${notice.body.fr}\n\n${OPEN.fr} : ${link}`,
    };
  }
}

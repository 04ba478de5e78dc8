import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { AppConfig } from '../config/app-config.js';
import { JobQueue, MAIL_DIGEST_QUEUE } from './job-queue.service.js';
import { MailMessageRepository } from './mail-message.repository.js';
import { NotificationOutbox } from './notification-outbox.service.js';

const TEXT = {
  en: { subject: (n: number) => `Partner Cooperation Portal: ${n} notice${n === 1 ? '' : 's'} of the day`, intro: 'Your notices since the last digest:', change: 'Change how you receive these in your account page' },
  fr: { subject: (n: number) => `Portail de coopération avec les partenaires : ${n} avis du jour`, intro: 'Vos avis depuis le dernier résumé :', change: 'Modifiez la façon dont vous les recevez dans la page de votre compte' },
};

/**
 * The daily digest: on MAIL_DIGEST_CRON (a pg-boss schedule, fired once across instances) each person with
 * waiting items gets one mail, in their language, listing them (each with its link). Items are taken (deleted)
 * in the unit of work that writes the mail, so a second run finds none.
 */
@Injectable()
export class MailDigestWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailDigestWorker.name);

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly uow: UnitOfWork,
    private readonly mails: MailMessageRepository,
    private readonly outbox: NotificationOutbox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKERS_ENABLED) return;
    await this.jobs.boss.schedule(MAIL_DIGEST_QUEUE, this.config.MAIL_DIGEST_CRON, {}, { tz: 'UTC' });
    await this.jobs.boss.work(MAIL_DIGEST_QUEUE, { pollingIntervalSeconds: Math.max(this.config.WORKER_POLL_SECONDS, 5) }, async () => {
      await this.run();
    });
  }

  /** Mails every waiting digest; returns how many mails were queued. */
  async run(): Promise<number> {
    const ctx = RequestContext.system();
    let sent = 0;
    for (const userId of await this.mails.digestRecipients(ctx)) {
      await this.uow.run(ctx, async (tx) => {
        const { language, items } = await this.mails.takeDigest(tx, userId);
        if (items.length === 0) return;
        const text = TEXT[language === 'fr' ? 'fr' : 'en'];
        const body = [text.intro, '', ...items.map((i) => `• ${i.subject}\n${i.body}\n`), `${text.change}: ${this.config.publicUrl}/account`].join('\n');
        const ids = await this.mails.insertForUser(tx, userId, { requestId: null, subjectEn: text.subject(items.length), subjectFr: text.subject(items.length), bodyEn: body, bodyFr: body });
        await this.outbox.enqueue(tx, ids);
        sent += ids.length;
      });
    }
    if (sent > 0) this.logger.log(`daily digest: ${sent} mail(s) queued`);
    return sent;
  }
}

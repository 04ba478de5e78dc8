import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Job } from 'pg-boss';
import { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { AppConfig } from '../config/app-config.js';
import { mailOutcomes } from '../observability/counters.js';
import { endSpan, SpanKind, startSpan } from '../observability/tracing.js';
import { JobQueue, MAIL_QUEUE, type MailJob } from './job-queue.service.js';
import { MailMessageRepository } from './mail-message.repository.js';
import { MailSecrets } from './mail-secrets.js';

/**
 * Delivers the mail outbox. Each message is handled under a row lock and marked in the same transaction:
 * a second instance (or a retried job) waits for the lock, then sees it done and skips it. A failed send
 * throws, so pg-boss retries it with exponential backoff up to MAIL_RETRY_LIMIT.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailWorker.name);
  private readonly transport: Transporter | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly unitOfWork: UnitOfWork,
    private readonly mails: MailMessageRepository,
    private readonly secrets: MailSecrets,
  ) {
    this.transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKERS_ENABLED) return;
    await this.jobs.boss.work<MailJob>(MAIL_QUEUE, { batchSize: 5, pollingIntervalSeconds: this.config.WORKER_POLL_SECONDS }, (batch) => this.handle(batch));
  }

  private async handle(batch: Job<MailJob>[]): Promise<void> {
    // One failure fails the batch (pg-boss retries it); messages already delivered are skipped next time.
    for (const job of batch) await this.deliver(job.data.mailId, job.data.requestId, job.id);
  }

  /** `requestId`: the request that queued the mail, kept as this work's request id (logs, trace). */
  async deliver(mailId: string, requestId?: string, jobId?: string): Promise<void> {
    const ctx = RequestContext.system(undefined, requestId);
    ctx.traceSpan = startSpan(`job ${MAIL_QUEUE}`, { 'pcp.request_id': ctx.requestId, 'pcp.job_id': jobId ?? '', 'pcp.mail_id': mailId }, undefined, SpanKind.CONSUMER);
    try {
      await this.deliverIn(ctx, mailId);
      endSpan(ctx.traceSpan);
    } catch (error) {
      endSpan(ctx.traceSpan, error);
      throw error;
    }
  }

  private async deliverIn(ctx: RequestContext, mailId: string): Promise<void> {
    let outcome: 'sent' | 'recorded' | undefined;
    try {
      await this.unitOfWork.run(ctx, async (tx) => {
        const mail = await this.mails.lockForDelivery(tx, mailId);
        if (!mail || mail.status !== 'PENDING') return;
        if (this.transport) {
          await this.transport.sendMail({ from: this.config.MAIL_FROM, to: mail.toAddress, subject: mail.subject, text: this.secrets.open(mail.body) });
        } else {
          this.logger.log(`mail recorded, not sent (SMTP_URL unset): to=${mail.toAddress} subject=${JSON.stringify(mail.subject)}`);
        }
        await this.mails.markDelivered(tx, mailId, this.transport ? 'SENT' : 'RECORDED');
        outcome = this.transport ? 'sent' : 'recorded';
      });
      if (outcome) mailOutcomes[outcome] += 1; // counted once committed (metrics)
    } catch (error) {
      mailOutcomes.failed += 1;
      const message = (error as Error).message;
      await this.mails.recordFailure(ctx, mailId, message.slice(0, 1000)).catch(() => undefined);
      this.logger.warn(`mail ${mailId} (request ${ctx.requestId}) not delivered, will retry: ${message}`);
      throw error;
    }
  }
}

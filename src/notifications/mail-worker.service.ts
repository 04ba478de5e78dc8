import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Job } from 'pg-boss';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { JobQueue, MAIL_QUEUE, type MailJob } from './job-queue.service.js';

interface MailRow {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  status: string;
}

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
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKERS_ENABLED) return;
    await this.jobs.boss.work<MailJob>(MAIL_QUEUE, { batchSize: 5, pollingIntervalSeconds: this.config.WORKER_POLL_SECONDS }, (batch) => this.handle(batch));
  }

  private async handle(batch: Job<MailJob>[]): Promise<void> {
    // One failure fails the batch (pg-boss retries it); messages already delivered are skipped next time.
    for (const job of batch) await this.deliver(job.data.mailId);
  }

  async deliver(mailId: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (m) => {
        const [mail] = (await m.query('SELECT id, to_address, subject, body, status FROM mail_message WHERE id = $1 FOR UPDATE', [mailId])) as MailRow[];
        if (!mail || mail.status !== 'PENDING') return;
        if (this.transport) {
          await this.transport.sendMail({ from: this.config.MAIL_FROM, to: mail.to_address, subject: mail.subject, text: mail.body });
        } else {
          this.logger.log(`mail recorded, not sent (SMTP_URL unset): to=${mail.to_address} subject=${JSON.stringify(mail.subject)}`);
        }
        await m.query(`UPDATE mail_message SET status = $2, attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = $1`, [
          mailId,
          this.transport ? 'SENT' : 'RECORDED',
        ]);
      });
    } catch (error) {
      const message = (error as Error).message;
      await this.dataSource
        .query('UPDATE mail_message SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [mailId, message.slice(0, 1000)])
        .catch(() => undefined);
      this.logger.warn(`mail ${mailId} not delivered, will retry: ${message}`);
      throw error;
    }
  }
}

import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { RequestContext } from '../common/context/request-context.js';
import { AppConfig } from '../config/app-config.js';
import { DATABASE_URL } from '../config/config.module.js';
import { MAIL_DIGEST_QUEUE, MAIL_QUEUE, SEAT_OFFER_QUEUE, WEBHOOK_QUEUE } from './queues.js';

export { MAIL_DIGEST_QUEUE, MAIL_QUEUE, SEAT_OFFER_QUEUE, WEBHOOK_QUEUE } from './queues.js';

export interface MailJob {
  mailId: string;
  /** The request that caused the mail (its X-Request-Id), carried to the worker's logs and trace. */
  requestId?: string;
}

/**
 * pg-boss, started with the app on the schema the migrations created (src/database/migrate.ts). Jobs are
 * sent with the caller's transaction (`db` option), so a job exists exactly when the change that caused it
 * committed.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  readonly boss: PgBoss;

  constructor(
    private readonly config: AppConfig,
    @Inject(DATABASE_URL) databaseUrl: string,
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      max: 4,
      application_name: 'pcp-jobs',
      // Maintenance (expiry, retention) only where workers run; sending needs none of it.
      supervise: config.WORKERS_ENABLED,
      // Cron schedules (the daily digest) are kept where workers run; pg-boss fires each once across instances.
      schedule: config.WORKERS_ENABLED,
      // Its schema is the owner's, made with the migrations (src/database/migrate.ts); the app's role cannot.
      migrate: false,
    });
    // A lost connection surfaces here; pg-boss reconnects on its own, the process must not crash.
    this.boss.on('error', (error: Error) => this.logger.warn(`job queue: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    await this.boss.createQueue(MAIL_QUEUE, {
      name: MAIL_QUEUE,
      retryLimit: this.config.MAIL_RETRY_LIMIT,
      retryDelay: this.config.MAIL_RETRY_DELAY_SECONDS,
      retryBackoff: true,
    });
    await this.boss.createQueue(SEAT_OFFER_QUEUE, { name: SEAT_OFFER_QUEUE, retryLimit: 10, retryDelay: 30, retryBackoff: true });
    await this.boss.createQueue(WEBHOOK_QUEUE, { name: WEBHOOK_QUEUE, ...this.webhookRetries() });
    await this.boss.createQueue(MAIL_DIGEST_QUEUE, { name: MAIL_DIGEST_QUEUE, retryLimit: 3, retryDelay: 60, retryBackoff: true });
  }

  private webhookRetries(): { retryLimit: number; retryDelay: number; retryBackoff: true } {
    return { retryLimit: this.config.WEBHOOK_RETRY_LIMIT, retryDelay: this.config.WEBHOOK_RETRY_DELAY_SECONDS, retryBackoff: true };
  }

  /** Enqueues a webhook delivery in the unit of work of `tx`: it exists exactly when the event committed. */
  async sendWebhook(tx: RequestContext, deliveryId: string): Promise<void> {
    await this.boss.send(WEBHOOK_QUEUE, { deliveryId, requestId: tx.requestId }, { db: this.db(tx, 'sendWebhook'), ...this.webhookRetries() });
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Waits for running handlers, then closes pg-boss's pool.
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /**
   * Enqueues a mail job in the unit of work of `tx`: pg-boss writes its job row with the statement it builds
   * (positional parameters), run on the unit of work's connection, so the job commits with the change.
   */
  async sendMail(tx: RequestContext, job: MailJob): Promise<void> {
    await this.boss.send(MAIL_QUEUE, { requestId: tx.requestId, ...job } as object, {
      db: this.db(tx, 'sendMail'),
      retryLimit: this.config.MAIL_RETRY_LIMIT,
      retryDelay: this.config.MAIL_RETRY_DELAY_SECONDS,
      retryBackoff: true,
    });
  }

  /** Enqueues a job due at `startAfter` in the unit of work of `tx` (the seat ledger's offer timers). */
  async sendAt(tx: RequestContext, queue: string, data: object, startAfter: Date): Promise<void> {
    await this.boss.send(queue, data, { db: this.db(tx, 'sendAt'), startAfter, retryLimit: 10, retryDelay: 30, retryBackoff: true });
  }

  private db(tx: RequestContext, caller: string): { executeSql: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }> } {
    const runner = tx.transaction?.queryRunner;
    if (!runner) throw new Error(`JobQueue.${caller} needs a unit of work: a job must commit with the change that causes it.`);
    return { executeSql: async (text: string, values: unknown[]) => ({ rows: ((await runner.query(text, values, true)).records ?? []) as unknown[] }) };
  }
}

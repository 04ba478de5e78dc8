import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'pg-boss';
import { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { AppConfig } from '../config/app-config.js';
import { JobQueue, SEAT_OFFER_QUEUE } from '../notifications/job-queue.service.js';
import { SeatLedger, type SeatOfferJob } from './seat-ledger.js';

const HOUR_MS = 3_600_000;

/**
 * The seat ledger's timers. An offer of a freed seat is a pg-boss job due when the offer lapses: the handler
 * runs `SeatLedger.lapse` in one unit of work under the iteration's lock, so a job delivered twice or to two
 * instances lapses the offer (and offers the seat on) once. Every hour, and at start, OPEN iterations past their
 * application deadline are marked CLOSED (an idempotent statement; any instance may run it: the row an instance
 * closed is no longer OPEN for the next, so each closure is announced once).
 */
@Injectable()
export class SeatOfferWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SeatOfferWorker.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly uow: UnitOfWork,
    private readonly ledger: SeatLedger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKERS_ENABLED) return;
    await this.jobs.boss.work<SeatOfferJob>(SEAT_OFFER_QUEUE, { batchSize: 5, pollingIntervalSeconds: this.config.WORKER_POLL_SECONDS }, (batch) => this.handle(batch));
    await this.closeDeadlines();
    this.timer = setInterval(() => void this.closeDeadlines(), HOUR_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async handle(batch: Job<SeatOfferJob>[]): Promise<void> {
    for (const job of batch) await this.lapse(job.data.claimId);
  }

  /** Lapses one offer if it is still open and due; true when it did. */
  lapse(claimId: string): Promise<boolean> {
    return this.uow.run(RequestContext.system(), (tx) => this.ledger.lapse(tx, claimId));
  }

  private async closeDeadlines(): Promise<void> {
    try {
      // One unit of work: the closed iterations' ITERATION_CHANGED events commit with them.
      const closed = await this.uow.run(RequestContext.system(), (tx) => this.ledger.closePastDeadline(tx));
      if (closed) this.logger.log(`${closed} iterations closed: application deadline passed`);
    } catch (error) {
      this.logger.warn(`closing iterations past their deadline failed: ${(error as Error).message}`);
    }
  }
}

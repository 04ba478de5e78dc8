import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'pg-boss';
import { AppConfig } from '../config/app-config.js';
import { JobQueue } from '../notifications/job-queue.service.js';
import { CATALOGUE_IMPORT_QUEUE } from '../notifications/queues.js';
import { CatalogueTransferService, type CatalogueImportJob } from './catalogue-transfer.service.js';

/**
 * Runs catalogue imports on the `catalogue.import` pg-boss queue, one at a time per instance. The import row is
 * claimed (QUEUED → RUNNING) before anything is applied, so a job delivered twice or to two instances runs once.
 */
@Injectable()
export class CatalogueImportWorker implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly transfer: CatalogueTransferService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The migrations runner creates it too; here for a database migrated before this queue existed.
    await this.jobs.boss.createQueue(CATALOGUE_IMPORT_QUEUE, { name: CATALOGUE_IMPORT_QUEUE, retryLimit: 0 });
    if (!this.config.WORKERS_ENABLED) return;
    await this.jobs.boss.work<CatalogueImportJob>(CATALOGUE_IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.config.WORKER_POLL_SECONDS }, (batch: Job<CatalogueImportJob>[]) =>
      this.handle(batch),
    );
  }

  private async handle(batch: Job<CatalogueImportJob>[]): Promise<void> {
    for (const job of batch) await this.transfer.run(job.data.importId, job.data.requestId);
  }
}

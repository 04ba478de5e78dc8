import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Job } from 'pg-boss';
import { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { AppConfig } from '../config/app-config.js';
import { JobQueue, WEBHOOK_QUEUE } from '../notifications/job-queue.service.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { guardedLookup, isPrivateAddress } from './webhook-target.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { signatureHeader } from './webhook-signature.js';
import { WebhookRepository, type DeliveryRow } from './webhook.repository.js';
import { WebhookDeliveryStatus } from './webhook.types.js';

interface WebhookJob {
  deliveryId: string;
  requestId?: string;
}

interface Outcome {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  succeeded: boolean;
}

/** Bytes of a receiver's answer kept for the log's error text (the rest is read and dropped). */
const ANSWER_EXCERPT = 300;

/**
 * Delivers webhook deliveries. Each is handled under its row lock (FOR UPDATE), and marked DELIVERED in the same
 * transaction as the successful POST: pg-boss hands a job to one worker, and a retried or duplicated job waits for
 * the lock, then finds the delivery done — so each event reaches each endpoint once while the portal runs (after a
 * crash between the receiver's 2xx and the commit it is sent again: receivers drop duplicates by X-PCP-Event-Id).
 * A failed attempt is logged in a transaction of its own (the log survives the retry) and thrown, so pg-boss retries
 * with exponential backoff; WEBHOOK_DISABLE_AFTER_FAILURES failures in a row disable the endpoint and tell the
 * administrators (in-app and mail).
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly unitOfWork: UnitOfWork,
    private readonly hooks: WebhookRepository,
    private readonly outbox: NotificationOutbox,
    private readonly secrets: WebhookSecrets,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKERS_ENABLED) return;
    await this.jobs.boss.work<WebhookJob>(WEBHOOK_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.config.WORKER_POLL_SECONDS }, async ([job]) => {
      if (job) await this.deliver(job);
    });
  }

  async deliver(job: Pick<Job<WebhookJob>, 'data'>): Promise<void> {
    const ctx = RequestContext.system(undefined, job.data.requestId);
    let failure: { row: DeliveryRow; outcome: Outcome } | undefined;
    await this.unitOfWork.run(ctx, async (tx) => {
      const row = await this.hooks.lockDelivery(tx, job.data.deliveryId);
      if (!row || row.status !== WebhookDeliveryStatus.PENDING) return;
      if (!row.active) {
        // Disabled since the event: nothing is sent; re-enabling does not replay old events.
        await this.hooks.markDelivery(tx, row.id, WebhookDeliveryStatus.SKIPPED);
        return;
      }
      // Sealed at rest: a secret whose key is gone from SECRETS_KEYS fails the attempt with that reason (logged, retried).
      const signing = this.secrets.forSigning(row);
      const outcome = 'error' in signing ? { statusCode: null, durationMs: 0, error: signing.error, succeeded: false } : await this.post(row, signing.secrets);
      if (!outcome.succeeded) {
        failure = { row, outcome };
        return;
      }
      await this.hooks.recordAttempt(tx, { deliveryId: row.id, endpointId: row.endpointId, ...outcome });
      await this.hooks.markDelivery(tx, row.id, WebhookDeliveryStatus.DELIVERED);
    });
    if (failure) await this.fail(ctx, failure.row, failure.outcome);
  }

  /** Logs the failed attempt, disables the endpoint past the limit, gives up after the last retry, else throws to retry. */
  private async fail(ctx: RequestContext, row: DeliveryRow, outcome: Outcome): Promise<void> {
    let retry = true;
    await this.unitOfWork.run(ctx, async (tx) => {
      const { attempt, consecutiveFailures } = await this.hooks.recordAttempt(tx, { deliveryId: row.id, endpointId: row.endpointId, ...outcome });
      const limit = this.config.WEBHOOK_DISABLE_AFTER_FAILURES;
      if (consecutiveFailures >= limit) {
        const reason = `Disabled after ${consecutiveFailures} failed deliveries in a row; the last: ${outcome.error ?? `HTTP ${outcome.statusCode}`}.`;
        if (await this.hooks.disable(tx, row.endpointId, reason)) {
          await this.outbox.noticeAdmins(tx, {
            kind: 'WEBHOOK_DISABLED',
            path: '/admin/webhooks',
            title: { en: `Webhook endpoint disabled: ${row.url}`, fr: `Point de terminaison de webhook désactivé : ${row.url}` },
            body: {
              en: `The webhook endpoint ${row.url} failed ${consecutiveFailures} deliveries in a row and was disabled. Last error: ${outcome.error ?? `HTTP ${outcome.statusCode}`}. Check the receiver, then enable the endpoint again in the administration screen.`,
              fr: `Le point de terminaison de webhook ${row.url} a échoué ${consecutiveFailures} livraisons de suite et a été désactivé. Dernière erreur : ${outcome.error ?? `HTTP ${outcome.statusCode}`}. Vérifiez le récepteur, puis réactivez le point de terminaison dans l'écran d'administration.`,
            },
          });
        }
        await this.hooks.markDelivery(tx, row.id, WebhookDeliveryStatus.SKIPPED);
        retry = false;
      } else if (attempt > this.config.WEBHOOK_RETRY_LIMIT) {
        await this.hooks.markDelivery(tx, row.id, WebhookDeliveryStatus.FAILED);
        retry = false;
      }
    });
    if (retry) {
      this.logger.warn(`webhook delivery ${row.id} to ${row.url} failed, will retry: ${outcome.error ?? `HTTP ${outcome.statusCode}`}`);
      throw new Error(`webhook delivery failed: ${outcome.error ?? `HTTP ${outcome.statusCode}`}`);
    }
  }

  /** One signed POST; never throws. Redirects are not followed (a 3xx is a failure). */
  private post(row: DeliveryRow, secrets: readonly string[]): Promise<Outcome> {
    const started = performance.now();
    const done = (statusCode: number | null, error: string | null): Outcome => ({
      statusCode,
      durationMs: Math.round(performance.now() - started),
      error: error?.slice(0, 1000) ?? null,
      succeeded: error === null && statusCode !== null && statusCode >= 200 && statusCode < 300,
    });
    const body = JSON.stringify({ id: row.eventId, type: row.eventType, occurredAt: new Date(row.occurredAt).toISOString(), data: row.payload });
    const timestamp = Math.floor(Date.now() / 1000);
    const url = new URL(row.url);
    const allowPrivate = this.config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An address literal skips the lookup below: checked here.
    if (!allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) return Promise.resolve(done(null, `${host} is inside the network; refused (WEBHOOK_ALLOW_PRIVATE_ADDRESSES).`));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve(done(null, `unsupported scheme ${url.protocol}`));
    return new Promise<Outcome>((resolve) => {
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        {
          method: 'POST',
          lookup: guardedLookup(allowPrivate),
          timeout: this.config.WEBHOOK_TIMEOUT_MS,
          agent: false,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'PartnerCooperationPortal-Webhooks/1',
            'x-pcp-event': row.eventType,
            'x-pcp-event-id': row.eventId,
            'x-pcp-delivery': row.id,
            'x-pcp-signature': signatureHeader(secrets, timestamp, body),
          },
        },
        (response) => {
          let excerpt = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            if (excerpt.length < ANSWER_EXCERPT) excerpt += chunk.slice(0, ANSWER_EXCERPT - excerpt.length);
          });
          response.on('end', () => {
            const status = response.statusCode ?? null;
            const ok = status !== null && status >= 200 && status < 300;
            resolve(done(status, ok ? null : `HTTP ${status}${excerpt ? `: ${excerpt.trim()}` : ''}`));
          });
          response.on('error', (error) => resolve(done(response.statusCode ?? null, error.message)));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`)));
      request.on('error', (error) => resolve(done(null, error.message)));
      request.end(body);
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import { WebhookDeliveryStatus, WebhookEndpoint, WebhookAttempt, type WebhookEventType, type WebhookScope } from './webhook.types.js';

const ENDPOINT = `e.id, e.name, e.url, e.scope, e.partner_id AS "partnerId", e.section_id AS "sectionId", e.event_types AS "eventTypes",
  e.active, e.consecutive_failures AS "consecutiveFailures", e.disabled_at AS "disabledAt", e.disabled_reason AS "disabledReason",
  e.previous_secret_expires_at AS "previousSecretExpiresAt", e.created_at AS "createdAt"`;

const ATTEMPT = `a.id, a.delivery_id AS "deliveryId", d.event_id AS "eventId", ev.type AS "eventType", a.attempt, a.at,
  a.status_code AS "statusCode", a.duration_ms AS "durationMs", a.error, a.succeeded`;

const toEndpoint = (row: WebhookEndpoint): WebhookEndpoint => Object.assign(new WebhookEndpoint(), row);
const toAttempt = (row: WebhookAttempt): WebhookAttempt => Object.assign(new WebhookAttempt(), row);

/** An event as the contexts that cause it describe it: who may see it decides which endpoints get it. */
export interface WebhookEventRow {
  type: WebhookEventType;
  /** The partner whose data it carries (a request's partner); null for catalogue events. */
  partnerId: string | null;
  /** The section responsible (the request's routed section, the offering's owner). */
  sectionId: string | null;
  /** Whether a partner-scoped endpoint may see it at all (catalogue events: only of published offerings). */
  partnerVisible: boolean;
  payload: Record<string, unknown>;
}

/** What the worker needs to send one delivery. */
export interface DeliveryRow {
  id: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  eventId: string;
  eventType: WebhookEventType;
  occurredAt: Date;
  payload: Record<string, unknown>;
  endpointId: string;
  url: string;
  active: boolean;
  secret: string;
  previousSecret: string | null;
}

export interface StoredSecretsRow {
  id: string;
  secret: string;
  previousSecret: string | null;
}

export interface EndpointInsert {
  name: string;
  url: string;
  scope: WebhookScope;
  partnerId: string | null;
  sectionId: string | null;
  eventTypes: WebhookEventType[];
  secret: string;
  createdById: string | null;
}

/** Every statement on webhook_endpoint, webhook_event, webhook_delivery and webhook_attempt. */
@Injectable()
export class WebhookRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The event and one delivery per active endpoint that subscribes to its type and may see it (the scope rule,
   * here once): GLOBAL sees all; PARTNER sees its partner's request events and partner-visible catalogue events
   * (never another partner's); SECTION sees what its section is responsible for. Returns the deliveries' ids.
   */
  async insertEvent(ctx: RequestContext, event: WebhookEventRow): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      ctx,
      `WITH ev AS (
         INSERT INTO webhook_event (type, partner_id, section_id, partner_visible, payload)
         VALUES (:type, :partnerId, :sectionId, :partnerVisible, CAST(:payload AS jsonb)) RETURNING id, type, partner_id, section_id, partner_visible
       )
       INSERT INTO webhook_delivery (endpoint_id, event_id)
       SELECT e.id, ev.id FROM ev JOIN webhook_endpoint e ON e.active AND ev.type = ANY(e.event_types)
        WHERE e.scope = 'GLOBAL'
           OR (e.scope = 'PARTNER' AND ev.partner_visible AND (ev.partner_id IS NULL OR ev.partner_id = e.partner_id))
           OR (e.scope = 'SECTION' AND ev.section_id = e.section_id)
       RETURNING id`,
      { ...event, payload: JSON.stringify(event.payload) },
    );
    return rows.map((r) => r.id);
  }

  async insertEndpoint(ctx: RequestContext, row: EndpointInsert): Promise<WebhookEndpoint> {
    const created = await this.sql.one<WebhookEndpoint>(
      ctx,
      `INSERT INTO webhook_endpoint AS e (name, url, scope, partner_id, section_id, event_types, secret, created_by_id)
       VALUES (:name, :url, :scope, :partnerId, :sectionId, CAST(:eventTypes AS text[]), :secret, :createdById) RETURNING ${ENDPOINT}`,
      { ...row },
    );
    return toEndpoint(created!);
  }

  async findEndpoint(ctx: RequestContext, id: string, lock = false): Promise<WebhookEndpoint | undefined> {
    const row = await this.sql.one<WebhookEndpoint>(ctx, `SELECT ${ENDPOINT} FROM webhook_endpoint e WHERE e.id = :id ${lock ? 'FOR UPDATE' : ''}`, { id });
    return row ? toEndpoint(row) : undefined;
  }

  /** A page of endpoints by name then id, strictly after `after`. */
  async page(ctx: RequestContext, after: { name: string; id: string } | null, limit: number): Promise<WebhookEndpoint[]> {
    const rows = await this.sql.rows<WebhookEndpoint>(
      ctx,
      `SELECT ${ENDPOINT} FROM webhook_endpoint e
        WHERE (CAST(:name AS text) IS NULL OR (e.name, e.id) > (CAST(:name AS text), CAST(:id AS uuid)))
        ORDER BY e.name, e.id LIMIT :limit`,
      { name: after?.name ?? null, id: after?.id ?? null, limit },
    );
    return rows.map(toEndpoint);
  }

  async count(ctx: RequestContext): Promise<number> {
    return (await this.sql.one<{ n: number }>(ctx, 'SELECT count(*)::int AS n FROM webhook_endpoint'))!.n;
  }

  async updateEndpoint(ctx: RequestContext, id: string, changes: { name?: string; url?: string; eventTypes?: string[]; active?: boolean }): Promise<void> {
    await this.sql.execute(
      ctx,
      `UPDATE webhook_endpoint SET
         name = COALESCE(CAST(:name AS text), name),
         url = COALESCE(CAST(:url AS text), url),
         event_types = COALESCE(CAST(:eventTypes AS text[]), event_types),
         active = COALESCE(CAST(:active AS boolean), active),
         consecutive_failures = CASE WHEN CAST(:active AS boolean) THEN 0 ELSE consecutive_failures END,
         disabled_at = CASE WHEN CAST(:active AS boolean) THEN NULL WHEN CAST(:active AS boolean) = false AND active THEN now() ELSE disabled_at END,
         disabled_reason = CASE WHEN CAST(:active AS boolean) THEN NULL WHEN CAST(:active AS boolean) = false AND active THEN 'Disabled by an administrator.' ELSE disabled_reason END,
         updated_at = now()
       WHERE id = :id`,
      { id, name: changes.name ?? null, url: changes.url ?? null, eventTypes: changes.eventTypes ?? null, active: changes.active ?? null },
    );
  }

  /** The stored (sealed) signing secret, to keep as the previous one on rotation. */
  async storedSecret(ctx: RequestContext, id: string): Promise<string | undefined> {
    return (await this.sql.one<{ secret: string }>(ctx, 'SELECT secret FROM webhook_endpoint WHERE id = :id', { id }))?.secret;
  }

  /**
   * The new secret signs; the previous one (the old secret sealed again, or null when it could not be opened) too
   * until `overlapMinutes` from now. Both sealed by the caller.
   */
  async rotateSecret(ctx: RequestContext, id: string, secrets: { secret: string; previousSecret: string | null }, overlapMinutes: number): Promise<void> {
    await this.sql.execute(
      ctx,
      `UPDATE webhook_endpoint SET previous_secret = :previousSecret, secret = :secret,
         previous_secret_expires_at = CASE WHEN CAST(:previousSecret AS text) IS NULL THEN NULL ELSE now() + make_interval(mins => :overlapMinutes) END,
         updated_at = now() WHERE id = :id`,
      { id, ...secrets, overlapMinutes },
    );
  }

  /** Endpoints with a secret (or previous secret) not beginning with `prefix` (SecretBox.sealedPrefix): in the clear, or under an older key. */
  secretsNotSealedWith(ctx: RequestContext, prefix: string): Promise<StoredSecretsRow[]> {
    return this.sql.rows<StoredSecretsRow>(
      ctx,
      `SELECT id, secret, previous_secret AS "previousSecret" FROM webhook_endpoint
        WHERE NOT starts_with(secret, :prefix) OR NOT starts_with(coalesce(previous_secret, :prefix), :prefix)`,
      { prefix },
    );
  }

  /** Replaces the stored secrets if they are still those read (compare-and-set); true when it did. */
  async resealSecrets(ctx: RequestContext, was: StoredSecretsRow, now: { secret: string; previousSecret: string | null }): Promise<boolean> {
    return (
      (await this.sql.execute(
        ctx,
        `UPDATE webhook_endpoint SET secret = :secret, previous_secret = :previousSecret
          WHERE id = :id AND secret = :wasSecret AND previous_secret IS NOT DISTINCT FROM CAST(:wasPrevious AS text)`,
        { id: was.id, wasSecret: was.secret, wasPrevious: was.previousSecret, ...now },
      )) === 1
    );
  }

  async deleteEndpoint(ctx: RequestContext, id: string): Promise<number> {
    return this.sql.execute(ctx, 'DELETE FROM webhook_endpoint WHERE id = :id', { id });
  }

  /** The delivery, its event and its endpoint's signing secrets (as stored: sealed), row-locked until the unit of work ends. */
  async lockDelivery(ctx: RequestContext, id: string): Promise<DeliveryRow | undefined> {
    return this.sql.one<DeliveryRow>(
      ctx,
      `SELECT d.id, d.status, d.attempts, ev.id AS "eventId", ev.type AS "eventType", ev.occurred_at AS "occurredAt", ev.payload,
              e.id AS "endpointId", e.url, e.active, e.secret,
              CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS "previousSecret"
         FROM webhook_delivery d JOIN webhook_event ev ON ev.id = d.event_id JOIN webhook_endpoint e ON e.id = d.endpoint_id
        WHERE d.id = :id FOR UPDATE OF d`,
      { id },
    );
  }

  async markDelivery(ctx: RequestContext, id: string, status: WebhookDeliveryStatus): Promise<void> {
    await this.sql.execute(
      ctx,
      `UPDATE webhook_delivery SET status = :status, delivered_at = CASE WHEN :status = 'DELIVERED' THEN now() ELSE delivered_at END WHERE id = :id`,
      { id, status },
    );
  }

  /** Logs an attempt; counts it on the delivery and the endpoint's run of failures. Returns the run. */
  async recordAttempt(
    ctx: RequestContext,
    attempt: { deliveryId: string; endpointId: string; statusCode: number | null; durationMs: number; error: string | null; succeeded: boolean },
  ): Promise<{ attempt: number; consecutiveFailures: number }> {
    const { attempts } = (await this.sql.one<{ attempts: number }>(ctx, 'UPDATE webhook_delivery SET attempts = attempts + 1 WHERE id = :deliveryId RETURNING attempts', attempt))!;
    await this.sql.execute(
      ctx,
      `INSERT INTO webhook_attempt (delivery_id, endpoint_id, attempt, status_code, duration_ms, error, succeeded)
       VALUES (:deliveryId, :endpointId, :attempts, :statusCode, :durationMs, :error, :succeeded)`,
      { ...attempt, attempts },
    );
    const run = await this.sql.one<{ n: number }>(
      ctx,
      `UPDATE webhook_endpoint SET consecutive_failures = CASE WHEN :succeeded THEN 0 ELSE consecutive_failures + 1 END
        WHERE id = :endpointId RETURNING consecutive_failures AS n`,
      attempt,
    );
    return { attempt: attempts, consecutiveFailures: run?.n ?? 0 };
  }

  /** Disables the endpoint when still active; true when this call did (so the notice goes out once). */
  async disable(ctx: RequestContext, id: string, reason: string): Promise<boolean> {
    return (await this.sql.execute(ctx, 'UPDATE webhook_endpoint SET active = false, disabled_at = now(), disabled_reason = :reason, updated_at = now() WHERE id = :id AND active', { id, reason })) === 1;
  }

  /** The endpoint's delivery log, newest first, strictly after `after`. */
  async attempts(ctx: RequestContext, endpointId: string, after: { at: string; id: string } | null, limit: number): Promise<WebhookAttempt[]> {
    const rows = await this.sql.rows<WebhookAttempt>(
      ctx,
      `SELECT ${ATTEMPT} FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id JOIN webhook_event ev ON ev.id = d.event_id
        WHERE a.endpoint_id = :endpointId
          AND (CAST(:at AS timestamptz) IS NULL OR (a.at, a.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid)))
        ORDER BY a.at DESC, a.id DESC LIMIT :limit`,
      { endpointId, at: after?.at ?? null, id: after?.id ?? null, limit },
    );
    return rows.map(toAttempt);
  }

  async attemptCount(ctx: RequestContext, endpointId: string): Promise<number> {
    return (await this.sql.one<{ n: number }>(ctx, 'SELECT count(*)::int AS n FROM webhook_attempt WHERE endpoint_id = :endpointId', { endpointId }))!.n;
  }
}

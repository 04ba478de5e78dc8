import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toConnection, type ConnectionShape } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import { AppConfig } from '../config/app-config.js';
import { PartnerService } from '../organisation/partner.service.js';
import { SectionService } from '../organisation/section.service.js';
import { urlProblem } from './webhook-target.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { WebhookRepository } from './webhook.repository.js';
import {
  WebhookScope,
  type CreateWebhookEndpointInput,
  type RotateWebhookSecretInput,
  type UpdateWebhookEndpointInput,
  type WebhookAttempt,
  type WebhookEndpoint,
  type WebhookSecretPayload,
} from './webhook.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `whsec_` and 256 random bits. Stored sealed (WebhookSecrets): the portal must read it back to sign (README, "Outbound webhooks"). */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Administrators' endpoints: each change one unit of work, audited (secrets never in the trail). */
@Injectable()
export class WebhookAdminService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hooks: WebhookRepository,
    private readonly partners: PartnerService,
    private readonly sections: SectionService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly secrets: WebhookSecrets,
  ) {}

  create(ctx: RequestContext, input: CreateWebhookEndpointInput): Promise<WebhookSecretPayload> {
    this.assertUrl(input.url);
    return this.uow.run(ctx, async (tx) => {
      let partnerId: string | null = null;
      let sectionId: string | null = null;
      if (input.scope === WebhookScope.PARTNER) {
        if (!input.partnerCode) throw DomainError.badInput('input.partnerCode is required for a PARTNER endpoint.', 'input');
        const partner = await this.partners.byCode(tx, input.partnerCode);
        if (!partner) throw DomainError.badInput(`input.partnerCode: no partner has the code ${input.partnerCode}.`, 'input');
        partnerId = partner.id;
      } else if (input.partnerCode) {
        throw DomainError.badInput('input.partnerCode is only for PARTNER endpoints.', 'input');
      }
      if (input.scope === WebhookScope.SECTION) {
        if (!input.sectionCode) throw DomainError.badInput('input.sectionCode is required for a SECTION endpoint.', 'input');
        const section = await this.sections.byCode(tx, input.sectionCode);
        if (!section) throw DomainError.badInput(`input.sectionCode: no section has the code ${input.sectionCode}.`, 'input');
        sectionId = section.id;
      } else if (input.sectionCode) {
        throw DomainError.badInput('input.sectionCode is only for SECTION endpoints.', 'input');
      }
      const secret = newSecret();
      const endpoint = await this.hooks.insertEndpoint(tx, {
        name: input.name.trim(),
        url: input.url.trim(),
        scope: input.scope,
        partnerId,
        sectionId,
        eventTypes: [...new Set(input.eventTypes)],
        secret: this.secrets.seal(secret),
        createdById: tx.actor?.kind === 'user' ? tx.actor.id : null,
      });
      await this.audit.record(tx, 'webhook.create', { type: 'WebhookEndpoint', id: endpoint.id }, {
        name: endpoint.name,
        url: endpoint.url,
        scope: endpoint.scope,
        partnerCode: input.partnerCode ?? null,
        sectionCode: input.sectionCode ?? null,
        eventTypes: endpoint.eventTypes,
      });
      return { endpoint, secret };
    });
  }

  update(ctx: RequestContext, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    if (input.url) this.assertUrl(input.url);
    return this.uow.run(ctx, async (tx) => {
      await this.load(tx, input.id, true);
      await this.hooks.updateEndpoint(tx, input.id, {
        name: input.name?.trim() ?? undefined,
        url: input.url?.trim() ?? undefined,
        eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : undefined,
        active: input.active ?? undefined,
      });
      const { id: _id, ...changes } = input;
      await this.audit.record(tx, 'webhook.update', { type: 'WebhookEndpoint', id: input.id }, changes);
      return (await this.hooks.findEndpoint(tx, input.id))!;
    });
  }

  rotateSecret(ctx: RequestContext, input: RotateWebhookSecretInput): Promise<WebhookSecretPayload> {
    return this.uow.run(ctx, async (tx) => {
      await this.load(tx, input.id, true);
      const secret = newSecret();
      const overlapMinutes = input.overlapMinutes ?? 1440;
      // The old secret keeps signing during the overlap, sealed again with the first key (unless its key is gone).
      const previousSecret = overlapMinutes > 0 ? this.secrets.keepAsPrevious((await this.hooks.storedSecret(tx, input.id))!) : null;
      await this.hooks.rotateSecret(tx, input.id, { secret: this.secrets.seal(secret), previousSecret }, overlapMinutes);
      await this.audit.record(tx, 'webhook.rotateSecret', { type: 'WebhookEndpoint', id: input.id }, { overlapMinutes });
      return { endpoint: (await this.hooks.findEndpoint(tx, input.id))!, secret };
    });
  }

  remove(ctx: RequestContext, id: string): Promise<boolean> {
    return this.uow.run(ctx, async (tx) => {
      const endpoint = await this.load(tx, id, true);
      await this.hooks.deleteEndpoint(tx, id);
      await this.audit.record(tx, 'webhook.delete', { type: 'WebhookEndpoint', id }, { name: endpoint.name, url: endpoint.url });
      return true;
    });
  }

  async get(ctx: RequestContext, id: string): Promise<WebhookEndpoint | null> {
    return isUUID(id) ? ((await this.hooks.findEndpoint(ctx, id)) ?? null) : null;
  }

  async list(ctx: RequestContext, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<WebhookEndpoint> & { totalCount: number }> {
    const limit = pageSize(first);
    const cursor = after ? decodeCursor(after, 'webhook', 2, 'after', ([, id]) => UUID.test(String(id))) : null;
    const rows = await this.hooks.page(ctx, cursor ? { name: String(cursor[0]), id: String(cursor[1]) } : null, limit + 1);
    return { ...toConnection(rows, limit, after, (e) => encodeCursor('webhook', [e.name, e.id])), totalCount: await this.hooks.count(ctx) };
  }

  /** The endpoint's delivery log, newest first. */
  async attempts(ctx: RequestContext, endpointId: string, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<WebhookAttempt> & { totalCount: number }> {
    const limit = pageSize(first);
    const cursor = after ? decodeCursor(after, 'webhook-attempt', 2, 'after', ([at, id]) => UUID.test(String(id)) && !Number.isNaN(Date.parse(String(at)))) : null;
    const rows = await this.hooks.attempts(ctx, endpointId, cursor ? { at: String(cursor[0]), id: String(cursor[1]) } : null, limit + 1);
    return {
      ...toConnection(rows, limit, after, (a) => encodeCursor('webhook-attempt', [a.at.toISOString(), a.id])),
      totalCount: await this.hooks.attemptCount(ctx, endpointId),
    };
  }

  private assertUrl(url: string): void {
    const problem = urlProblem(url.trim(), this.config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES);
    if (problem) throw DomainError.badInput(`input.${problem}`, 'input');
  }

  private async load(tx: RequestContext, id: string, lock: boolean): Promise<WebhookEndpoint> {
    const endpoint = isUUID(id) ? await this.hooks.findEndpoint(tx, id, lock) : undefined;
    if (!endpoint) throw DomainError.notFound('The webhook endpoint');
    return endpoint;
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { JobQueue } from '../notifications/job-queue.service.js';
import { WebhookRepository } from './webhook.repository.js';
import { WebhookEventType } from './webhook.types.js';

/** A request as its events describe it: no participants (personal data), no internal notes. */
export interface RequestEventFacts {
  id: string;
  reference: string;
  title: string;
  status: string;
  partnerId: string;
  routedSectionId: string | null;
  offeringId: string | null;
  iterationId: string | null;
}

/** An offering as its events describe it. */
export interface OfferingEventFacts {
  id: string;
  code: string;
  status: string;
  owningSectionId: string;
  titleEn: string | null;
  titleFr: string | null;
}

/** An iteration as ITERATION_CHANGED describes it (the administrators' edits and the seat ledger send the same shape). */
export interface IterationEventFacts {
  id: string;
  startDate: string;
  endDate: string;
  location: string | null;
  status: string;
  capacity: number | null;
  applicationDeadline: string | null;
}

/**
 * The webhook outbox, exported for the contexts whose changes are events (requests, catalogue). Called with the
 * change's unit of work: the event, one delivery per endpoint that may see it, and their jobs commit with the
 * change or not at all. Payloads carry what the event's receivers may all read: never participants (personal
 * data) and never internal notes' text to a partner (internal notes are not events at all).
 */
@Injectable()
export class WebhookEvents {
  constructor(
    private readonly hooks: WebhookRepository,
    private readonly jobs: JobQueue,
  ) {}

  /** REQUEST_SUBMITTED when the request just became SUBMITTED, else REQUEST_STATUS_CHANGED. */
  async requestStatusChanged(tx: RequestContext, request: RequestEventFacts, from: string | null, reason: string | null): Promise<void> {
    const type = request.status === 'SUBMITTED' && (from === null || from === 'DRAFT') ? WebhookEventType.REQUEST_SUBMITTED : WebhookEventType.REQUEST_STATUS_CHANGED;
    await this.emit(tx, type, { partnerId: request.partnerId, sectionId: request.routedSectionId, partnerVisible: true }, {
      request: requestPayload(request),
      fromStatus: from,
      toStatus: request.status,
      reason,
    });
  }

  /** A comment the partner may read (internal notes are never sent). */
  async requestCommented(tx: RequestContext, request: RequestEventFacts, comment: { id: string; body: string; authorKind: 'PARTNER' | 'NATO' }): Promise<void> {
    await this.emit(tx, WebhookEventType.REQUEST_COMMENT_ADDED, { partnerId: request.partnerId, sectionId: request.routedSectionId, partnerVisible: true }, {
      request: requestPayload(request),
      comment,
    });
  }

  /** OFFERING_PUBLISHED, or OFFERING_CHANGED for any other change (edits, archiving). */
  async offeringChanged(tx: RequestContext, offering: OfferingEventFacts, published: boolean, fields: string[]): Promise<void> {
    await this.emit(tx, published ? WebhookEventType.OFFERING_PUBLISHED : WebhookEventType.OFFERING_CHANGED, this.catalogueScope(offering), {
      offering: offeringPayload(offering),
      ...(published ? {} : { changedFields: fields }),
    });
  }

  /**
   * ITERATION_CHANGED: an administrator's edit (`created` for a new run), or the seat ledger's own change of the
   * status (FULL when the last seat goes, OPEN again when one is released, CLOSED past the deadline).
   */
  async iterationChanged(tx: RequestContext, offering: OfferingEventFacts, iteration: IterationEventFacts, created: boolean): Promise<void> {
    await this.emit(tx, WebhookEventType.ITERATION_CHANGED, this.catalogueScope(offering), { offering: offeringPayload(offering), iteration, created });
  }

  /** Partners see catalogue events only of what they can see: published offerings. */
  private catalogueScope(offering: OfferingEventFacts) {
    return { partnerId: null, sectionId: offering.owningSectionId, partnerVisible: offering.status === 'PUBLISHED' };
  }

  private async emit(tx: RequestContext, type: WebhookEventType, scope: { partnerId: string | null; sectionId: string | null; partnerVisible: boolean }, data: Record<string, unknown>): Promise<void> {
    if (!tx.transaction) throw new Error('WebhookEvents runs in the unit of work of the change');
    const deliveries = await this.hooks.insertEvent(tx, { type, ...scope, payload: data });
    for (const id of deliveries) await this.jobs.sendWebhook(tx, id);
  }
}

function requestPayload(r: RequestEventFacts): Record<string, unknown> {
  return { id: r.id, reference: r.reference, title: r.title, status: r.status, partnerId: r.partnerId, routedSectionId: r.routedSectionId, offeringId: r.offeringId, iterationId: r.iterationId };
}

function offeringPayload(o: OfferingEventFacts): Record<string, unknown> {
  return { id: o.id, code: o.code, status: o.status, owningSectionId: o.owningSectionId, titleEn: o.titleEn, titleFr: o.titleFr };
}

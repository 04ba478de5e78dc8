import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { WebhookEvents } from '../integrations/webhook-events.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import type { CooperationRequest } from './cooperation-request.entity.js';
import { RequestRepository } from './request.repository.js';
import { arrivalNotice, commentNotice, statusNotice } from './request-notices.js';
import type { EventParams } from './event-params.js';
import { RequestEventType, type RequestStatus, type RoutingReason } from './request.enums.js';

export interface TimelineEntry {
  type: RequestEventType;
  fromStatus?: RequestStatus | null;
  toStatus?: RequestStatus | null;
  sectionId?: string | null;
  routingRuleId?: string | null;
  routingReason?: RoutingReason | null;
  commentId?: string | null;
  attachmentId?: string | null;
  objectiveId?: string | null;
  reason?: string | null;
  /** A system text as data (its English text goes to reason). */
  params?: EventParams | null;
  internal?: boolean;
}

/** What the journal needs of a request to write about it. */
export interface JournalRequest {
  id: string;
  reference: string;
  title: string;
  submitterId: string;
  routedSectionId: string | null;
}

/**
 * Every change to a request leaves three traces in the caller's unit of work: timeline entries, one audit
 * event, and the notifications it causes (in-app rows, mail outbox rows and their pg-boss jobs; outbound webhook
 * events through IntegrationsModule's WebhookEvents). Services
 * call this with the unit of work's context, so none of them can forget one or write it outside.
 */
@Injectable()
export class RequestJournal {
  constructor(
    private readonly requests: RequestRepository,
    private readonly audit: AuditService,
    private readonly outbox: NotificationOutbox,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** The outbound webhook event of a status change (REQUEST_SUBMITTED on submission), in the unit of work. */
  statusEvent(tx: RequestContext, request: CooperationRequest, from: RequestStatus | null, reason: string | null | undefined): Promise<void> {
    return this.webhooks.requestStatusChanged(tx, request, from, reason ?? null);
  }

  /** The outbound webhook event of a comment the partner may read (never an internal note). */
  commentEvent(tx: RequestContext, request: CooperationRequest, comment: { id: string; body: string }, fromPartner: boolean): Promise<void> {
    return this.webhooks.requestCommented(tx, request, { id: comment.id, body: comment.body, authorKind: fromPartner ? 'PARTNER' : 'NATO' });
  }

  /** Appends the entries in order, by the caller. */
  timeline(tx: RequestContext, requestId: string, entries: readonly TimelineEntry[]): Promise<void> {
    const actor = { id: tx.actor?.kind === 'user' ? tx.actor.id : null, kind: tx.actor?.kind ?? 'system' };
    return this.requests.appendEvents(
      tx,
      requestId,
      actor,
      entries.map((e) => ({
        type: e.type,
        from_status: e.fromStatus ?? null,
        to_status: e.toStatus ?? null,
        section_id: e.sectionId ?? null,
        routing_rule_id: e.routingRuleId ?? null,
        routing_reason: e.routingReason ?? null,
        comment_id: e.commentId ?? null,
        attachment_id: e.attachmentId ?? null,
        objective_id: e.objectiveId ?? null,
        reason: e.reason ?? null,
        params: e.params ? JSON.stringify(e.params) : null,
        internal: e.internal ?? false,
      })),
    );
  }

  /** The audit event, in the unit of work. */
  recordAudit(tx: RequestContext, action: string, requestId: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(tx, action, { type: 'CooperationRequest', id: requestId }, details);
  }

  /** A request arrived in a section (submission or reroute): its mailbox and its staff hear of it. */
  async arrivedInSection(tx: RequestContext, request: JournalRequest, sectionId: string, rerouted: boolean): Promise<void> {
    const notice = arrivalNotice(request, rerouted);
    await this.outbox.mailSection(tx, sectionId, notice);
    await this.outbox.notifySection(tx, sectionId, notice);
  }

  /**
   * The submitter hears of every status change someone else made (mail and in-app); the section hears in-app
   * of the changes the partner made (withdrawal, an answer).
   */
  async statusChanged(tx: RequestContext, request: JournalRequest, to: RequestStatus, reason: string | null | undefined): Promise<void> {
    const notice = statusNotice(request, to, reason);
    if (tx.actor?.id !== request.submitterId) {
      await this.outbox.mailUser(tx, request.submitterId, notice);
      await this.outbox.notifyUsers(tx, [request.submitterId], notice);
    } else if (request.routedSectionId) {
      await this.outbox.notifySection(tx, request.routedSectionId, notice);
    }
  }

  /** A comment the partner may see: the submitter is told when NATO wrote it, the section when the partner did. */
  async commented(tx: RequestContext, request: JournalRequest, fromPartner: boolean, assigneeId: string | null): Promise<void> {
    const notice = commentNotice(request);
    if (fromPartner) {
      if (request.routedSectionId) await this.outbox.notifySection(tx, request.routedSectionId, notice);
      if (assigneeId) await this.outbox.notifyUsers(tx, [assigneeId], notice);
      return;
    }
    if (tx.actor?.id !== request.submitterId) {
      await this.outbox.mailUser(tx, request.submitterId, notice);
      await this.outbox.notifyUsers(tx, [request.submitterId], notice);
    }
  }
}

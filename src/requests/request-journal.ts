import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { RequestContext } from '../common/context/request-context.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { arrivalNotice, commentNotice, statusNotice } from './request-notices.js';
import { RequestEventType, type RequestStatus, type RoutingReason } from './request.enums.js';

export interface TimelineEntry {
  type: RequestEventType;
  fromStatus?: RequestStatus | null;
  toStatus?: RequestStatus | null;
  sectionId?: string | null;
  routingRuleId?: string | null;
  routingReason?: RoutingReason | null;
  commentId?: string | null;
  reason?: string | null;
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
 * Every change to a request leaves three traces in the caller's transaction: timeline entries, one audit
 * event, and the notifications it causes (in-app rows, mail outbox rows and their pg-boss jobs). Services
 * call this, so none of them can forget one.
 */
@Injectable()
export class RequestJournal {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: NotificationOutbox,
  ) {}

  async timeline(m: EntityManager, ctx: RequestContext, requestId: string, entries: TimelineEntry[]): Promise<void> {
    for (const e of entries) {
      await m.query(
        `INSERT INTO request_event (request_id, type, actor_id, actor_kind, from_status, to_status, section_id, routing_rule_id, routing_reason, comment_id, reason, internal)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          requestId,
          e.type,
          ctx.actor?.kind === 'user' ? ctx.actor.id : null,
          ctx.actor?.kind ?? 'system',
          e.fromStatus ?? null,
          e.toStatus ?? null,
          e.sectionId ?? null,
          e.routingRuleId ?? null,
          e.routingReason ?? null,
          e.commentId ?? null,
          e.reason ?? null,
          e.internal ?? false,
        ],
      );
    }
  }

  recordAudit(m: EntityManager, ctx: RequestContext, action: string, requestId: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(ctx.withTransaction(m), action, { type: 'CooperationRequest', id: requestId }, details);
  }

  /** A request arrived in a section (submission or reroute): its mailbox and its staff hear of it. */
  async arrivedInSection(m: EntityManager, request: JournalRequest, sectionId: string, rerouted: boolean): Promise<void> {
    const notice = arrivalNotice(request, rerouted);
    // BRIDGE (seam2 -> seam): the outbox takes a unit of work's context; remove once callers pass their tx here.
    const tx = RequestContext.system().withTransaction(m);
    await this.outbox.mailSection(tx, sectionId, notice);
    await this.outbox.notifySection(tx, sectionId, notice);
  }

  /**
   * The submitter hears of every status change someone else made (mail and in-app); the section hears in-app
   * of the changes the partner made (withdrawal, an answer).
   */
  async statusChanged(m: EntityManager, ctx: RequestContext, request: JournalRequest, to: RequestStatus, reason: string | null | undefined): Promise<void> {
    const notice = statusNotice(request, to, reason);
    const tx = ctx.withTransaction(m);
    if (ctx.actor?.id !== request.submitterId) {
      await this.outbox.mailUser(tx, request.submitterId, notice);
      await this.outbox.notifyUsers(tx, [request.submitterId], notice);
    } else if (request.routedSectionId) {
      await this.outbox.notifySection(tx, request.routedSectionId, notice);
    }
  }

  /** A comment the partner may see: the submitter is told when NATO wrote it, the section when the partner did. */
  async commented(m: EntityManager, ctx: RequestContext, request: JournalRequest, fromPartner: boolean, assigneeId: string | null): Promise<void> {
    const notice = commentNotice(request);
    const tx = ctx.withTransaction(m);
    if (fromPartner) {
      if (request.routedSectionId) await this.outbox.notifySection(tx, request.routedSectionId, notice);
      if (assigneeId) await this.outbox.notifyUsers(tx, [assigneeId], notice);
      return;
    }
    if (ctx.actor?.id !== request.submitterId) {
      await this.outbox.mailUser(tx, request.submitterId, notice);
      await this.outbox.notifyUsers(tx, [request.submitterId], notice);
    }
  }
}

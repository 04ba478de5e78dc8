import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import type { AddCommentInput, RespondToInformationRequestInput, TransitionRequestInput } from './dto/request.inputs.js';
import { RequestComment } from './request-comment.entity.js';
import { isRequestPartner, requestScope, seesInternalNotes } from './request-access.js';
import { RequestJournal, type TimelineEntry } from './request-journal.js';
import { ALLOCATES_SEATS, allowedTransitions, RELEASES_SEATS, TERMINAL_STATUSES } from './request-lifecycle.js';
import { RequestSubmissionService } from './request-submission.service.js';
import { RequestEventType, RequestStatus, RoutingReason } from './request.enums.js';
import { SeatAllocationService } from './seat-allocation.service.js';
import { addWorkingDays } from './working-days.js';

/** The lifecycle role the caller plays on this request (already known to be in their scope). */
export function lifecycleRole(ctx: RequestContext, request: { partnerId: string }): string | undefined {
  if (isRequestPartner(ctx, request)) return Role.PARTNER_LIAISON;
  const role = ctx.actor?.kind === 'user' ? ctx.actor.role : undefined;
  return role === Role.SECTION_STAFF || role === Role.COORDINATOR ? role : undefined;
}

/**
 * Everything that changes a submitted request: transitions (with seats), withdrawal, answers to
 * information requests, rerouting, assignment and comments. One transaction each; a change is an explicit
 * `UPDATE … WHERE id = $1 AND version = $2` that must touch one row.
 */
@Injectable()
export class RequestTriageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: RequestJournal,
    private readonly seats: SeatAllocationService,
    private readonly submission: RequestSubmissionService,
  ) {}

  async transition(ctx: RequestContext, input: TransitionRequestInput): Promise<CooperationRequest> {
    if (input.to === RequestStatus.SUBMITTED) {
      // Submitting a draft runs every submission check; the lifecycle still decides who may.
      const request = await this.load(this.dataSource.manager, ctx, input.id);
      this.assertVersion(request, input.expectedVersion);
      this.assertAllowed(ctx, request, input.to);
      return this.submission.submitDraft(ctx, input.id, input.expectedVersion);
    }
    return this.dataSource.transaction(async (m) => {
      const request = await this.load(m, ctx, input.id);
      this.assertVersion(request, input.expectedVersion);
      this.assertAllowed(ctx, request, input.to);
      return this.applyTransition(m, ctx, request, input.to, input.reason ?? null, input.expectedVersion, []);
    });
  }

  respondToInformationRequest(ctx: RequestContext, input: RespondToInformationRequestInput): Promise<CooperationRequest> {
    return this.dataSource.transaction(async (m) => {
      const request = await this.load(m, ctx, input.id);
      this.assertVersion(request, input.expectedVersion);
      if (request.status !== RequestStatus.INFORMATION_REQUESTED || !isRequestPartner(ctx, request)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `There is no open information request to answer: the request is ${request.status}.`, {
          allowedTransitions: allowedTransitions(lifecycleRole(ctx, request), request.status),
        });
      }
      const comment = await this.insertComment(m, ctx, request.id, input.body, false);
      await this.journal.commented(m, ctx, request, true, request.assigneeId);
      return this.applyTransition(m, ctx, request, RequestStatus.UNDER_REVIEW, 'Information provided', input.expectedVersion, [
        { type: RequestEventType.COMMENTED, commentId: comment.id },
      ]);
    });
  }

  reroute(ctx: RequestContext, id: string, sectionCode: string, reason: string, expectedVersion: number): Promise<CooperationRequest> {
    if (!reason.trim()) throw DomainError.badInput('Give a reason for rerouting; the partner and the new section see it on the timeline.', 'reason');
    return this.dataSource.transaction(async (m) => {
      const request = await this.load(m, ctx, id);
      this.assertVersion(request, expectedVersion);
      if (request.status === RequestStatus.DRAFT || TERMINAL_STATUSES.includes(request.status)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `A ${request.status} request cannot be rerouted.`, { allowedTransitions: allowedTransitions(lifecycleRole(ctx, request), request.status) });
      }
      const [section] = (await m.query('SELECT id, time_zone, acknowledge_target_days, decide_target_days FROM section WHERE code = $1', [sectionCode])) as Array<{
        id: string;
        time_zone: string;
        acknowledge_target_days: number;
        decide_target_days: number;
      }>;
      if (!section) throw DomainError.badInput(`sectionCode ${JSON.stringify(sectionCode)} is not a section; see sections for the codes.`, 'sectionCode');
      if (section.id === request.routedSectionId) throw DomainError.badInput(`The request is already routed to ${sectionCode}.`, 'sectionCode');
      // Service targets restart from submission with the new section's targets and time zone.
      const submitted = request.submittedAt ?? new Date();
      const updated = await this.update(m, request, expectedVersion, 'routed_section_id = $3, routing_rule_id = NULL, routing_reason = $4, assignee_id = NULL, acknowledge_due_at = $5, decision_due_at = $6', [
        section.id,
        RoutingReason.MANUAL,
        addWorkingDays(submitted, section.acknowledge_target_days, section.time_zone),
        addWorkingDays(submitted, section.decide_target_days, section.time_zone),
      ]);
      await this.journal.timeline(m, ctx, id, [{ type: RequestEventType.REROUTED, sectionId: section.id, routingReason: RoutingReason.MANUAL, reason }]);
      await this.journal.recordAudit(m, ctx, 'request.reroute', id, { fromSectionId: request.routedSectionId, toSectionId: section.id, reason });
      await this.journal.arrivedInSection(m, updated, section.id, true);
      return updated;
    });
  }

  assign(ctx: RequestContext, id: string, assigneeId: string | null, expectedVersion: number): Promise<CooperationRequest> {
    return this.dataSource.transaction(async (m) => {
      const request = await this.load(m, ctx, id);
      this.assertVersion(request, expectedVersion);
      if (assigneeId) {
        const [ok] = (await m.query(
          `SELECT 1 FROM app_user u WHERE u.id = $1 AND u.active AND (
             (u.role = 'SECTION_STAFF' AND EXISTS (SELECT 1 FROM user_section us WHERE us.user_id = u.id AND us.section_id = $2))
             OR (u.role = 'COORDINATOR' AND EXISTS (SELECT 1 FROM user_covered_partner uc WHERE uc.user_id = u.id AND uc.partner_id = $3)))`,
          [assigneeId, request.routedSectionId, request.partnerId],
        )) as unknown[];
        if (!ok) throw DomainError.badInput('assigneeId must be an active staff member of the section the request is routed to, or a coordinator covering its partner.', 'assigneeId');
      }
      const updated = await this.update(m, request, expectedVersion, 'assignee_id = $3', [assigneeId]);
      await this.journal.timeline(m, ctx, id, [{ type: RequestEventType.ASSIGNED, reason: null }]);
      await this.journal.recordAudit(m, ctx, 'request.assign', id, { assigneeId });
      return updated;
    });
  }

  addComment(ctx: RequestContext, input: AddCommentInput): Promise<RequestComment> {
    return this.dataSource.transaction(async (m) => {
      const request = await this.load(m, ctx, input.requestId);
      if (input.internal && !seesInternalNotes(ctx)) {
        throw DomainError.forbidden('Internal notes are for NATO staff; post a comment without internal to write to the section.');
      }
      const comment = await this.insertComment(m, ctx, request.id, input.body, input.internal);
      // The request row changes with every comment (updated_at); the version does not, so a comment does not stale a reviewer's form.
      await m.query('UPDATE cooperation_request SET updated_at = now() WHERE id = $1', [request.id]);
      await this.journal.timeline(m, ctx, request.id, [{ type: RequestEventType.COMMENTED, commentId: comment.id, internal: input.internal }]);
      await this.journal.recordAudit(m, ctx, 'request.comment', request.id, { commentId: comment.id, internal: input.internal });
      if (!input.internal) await this.journal.commented(m, ctx, request, isRequestPartner(ctx, request), request.assigneeId);
      return comment;
    });
  }

  private async applyTransition(
    m: EntityManager,
    ctx: RequestContext,
    request: CooperationRequest,
    to: RequestStatus,
    reason: string | null,
    expectedVersion: number,
    before: TimelineEntry[],
  ): Promise<CooperationRequest> {
    const entries: TimelineEntry[] = [...before, { type: RequestEventType.STATUS_CHANGED, fromStatus: request.status, toStatus: to, reason }];
    let seatsAllocated = request.seatsAllocated;
    if (ALLOCATES_SEATS.has(to) && request.iterationId && request.seatsRequested > 0) {
      seatsAllocated = await this.seats.allocate(m, request.iterationId, request.seatsRequested);
      entries.push({ type: RequestEventType.SEATS_ALLOCATED, reason: `${seatsAllocated} seats` });
    }
    if (RELEASES_SEATS.has(to) && request.iterationId && request.seatsAllocated > 0) {
      await this.seats.release(m, request.iterationId, request.seatsAllocated);
      entries.push({ type: RequestEventType.SEATS_RELEASED, reason: `${request.seatsAllocated} seats` });
      seatsAllocated = 0;
    }
    const updated = await this.update(
      m,
      request,
      expectedVersion,
      `status = $3, seats_allocated = $4,
       acknowledged_at = CASE WHEN $3 = 'UNDER_REVIEW' THEN coalesce(acknowledged_at, now()) ELSE acknowledged_at END,
       decided_at = CASE WHEN $3 IN ('APPROVED', 'DECLINED') THEN now() ELSE decided_at END`,
      [to, seatsAllocated],
    );
    await this.journal.timeline(m, ctx, request.id, entries);
    await this.journal.recordAudit(m, ctx, 'request.transition', request.id, { from: request.status, to, reason, seatsAllocated });
    await this.journal.statusChanged(m, ctx, updated, to, reason);
    return updated;
  }

  /** The request, if the caller may reach it; otherwise NOT_FOUND (never a hint that it exists). */
  private async load(m: EntityManager, ctx: RequestContext, id: string): Promise<CooperationRequest> {
    const scope = requestScope(ctx, 'r');
    const qb = m.getRepository(CooperationRequest).createQueryBuilder('r').where('r.id = :id', { id }).andWhere(scope.sql, scope.params);
    const request = await qb.getOne();
    if (!request) throw DomainError.notFound('Request');
    return request;
  }

  private assertVersion(request: CooperationRequest, expected: number): void {
    if (request.version !== expected) {
      throw DomainError.conflict(`Request ${request.reference} was changed by someone else (now version ${request.version}, you sent ${expected}). Reload it and try again.`, {
        currentVersion: request.version,
      });
    }
  }

  private assertAllowed(ctx: RequestContext, request: CooperationRequest, to: RequestStatus): void {
    const allowed = allowedTransitions(lifecycleRole(ctx, request), request.status);
    if (!allowed.includes(to)) {
      const options = allowed.length ? `You can move it to: ${allowed.join(', ')}.` : 'You cannot change its status.';
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `Request ${request.reference} cannot go from ${request.status} to ${to}. ${options}`, { allowedTransitions: allowed });
    }
  }

  /** The optimistic write: one row or a CONFLICT carrying the version that won. */
  private async update(m: EntityManager, request: CooperationRequest, expectedVersion: number, set: string, values: unknown[]): Promise<CooperationRequest> {
    const [, changed] = (await m.query(`UPDATE cooperation_request SET ${set}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`, [
      request.id,
      expectedVersion,
      ...values,
    ])) as [unknown, number];
    if (changed !== 1) {
      const [row] = (await m.query('SELECT version FROM cooperation_request WHERE id = $1', [request.id])) as { version: number }[];
      throw DomainError.conflict(`Request ${request.reference} was changed by someone else (now version ${row?.version}). Reload it and try again.`, {
        currentVersion: row?.version,
      });
    }
    return m.findOneByOrFail(CooperationRequest, { id: request.id });
  }

  private async insertComment(m: EntityManager, ctx: RequestContext, requestId: string, body: string, internal: boolean): Promise<RequestComment> {
    const [row] = (await m.query('INSERT INTO request_comment (request_id, author_id, body, internal) VALUES ($1, $2, $3, $4) RETURNING id', [
      requestId,
      ctx.actor?.kind === 'user' ? ctx.actor.id : null,
      body,
      internal,
    ])) as { id: string }[];
    return m.findOneByOrFail(RequestComment, { id: row!.id });
  }
}


import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { PeopleService } from '../identity/people.service.js';
import { PlanService } from '../plans/plan.service.js';
import { SectionService } from '../organisation/section.service.js';
import type { CooperationRequest } from './cooperation-request.entity.js';
import type { AssignRequestsRow } from './dto/bulk-assign.types.js';
import { described, EventTextKind, type EventParams } from './event-params.js';
import type { AddCommentInput, RespondToInformationRequestInput, TransitionRequestInput } from './dto/request.inputs.js';
import { isRequestPartner, mayLinkObjective, seesInternalNotes } from './request-access.js';
import type { RequestComment } from './request-comment.entity.js';
import { RequestJournal } from './request-journal.js';
import { allowedTransitions, TERMINAL_STATUSES } from './request-lifecycle.js';
import { lifecycleRole, RequestLifecycle } from './request-lifecycle.service.js';
import { RequestSeatsService } from './request-seats.service.js';
import { RequestSubmissionService } from './request-submission.service.js';
import { RequestRepository } from './request.repository.js';
import { RequestEventType, RequestStatus, RoutingReason } from './request.enums.js';
import { addWorkingDays } from './working-days.js';

/**
 * Everything that changes a request once it exists: transitions (through the lifecycle door), answers to
 * information requests, rerouting, assignment and comments. One unit of work each, which loads the request
 * through the access rule, checks it and writes; a change is an explicit `UPDATE … WHERE id AND version`
 * that must touch one row.
 */
@Injectable()
export class RequestTriageService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: RequestRepository,
    private readonly sections: SectionService,
    private readonly people: PeopleService,
    private readonly journal: RequestJournal,
    private readonly lifecycle: RequestLifecycle,
    private readonly submission: RequestSubmissionService,
    private readonly seats: RequestSeatsService,
    private readonly plans: PlanService,
  ) {}

  /** `text`: a system-written reason (another context's, e.g. SPS), kept as a kind and parameters for every language. */
  transition(ctx: RequestContext, input: TransitionRequestInput, text?: { reason: string; params: EventParams }): Promise<CooperationRequest> {
    return this.uow.run(ctx, async (tx) => {
      // Locked: the checks below and the write see the same row.
      const request = await this.load(tx, input.id, true);
      this.assertVersion(request, input.expectedVersion);
      this.lifecycle.assertAllowed(tx, request, input.to);
      // Submitting a draft runs every submission check on the draft's fields, then goes through the same door.
      if (input.to === RequestStatus.SUBMITTED) return this.submission.submitDraft(tx, request, input.expectedVersion);
      // Approving every nominee at once: the same clash rule as approveRequest (which can override it).
      if (input.to === RequestStatus.APPROVED) await this.seats.assertNoClash(tx, request, null, null);
      return this.lifecycle.transition(tx, request, input.to, text?.reason ?? input.reason ?? null, { expectedVersion: input.expectedVersion, reasonParams: text?.params });
    });
  }

  respondToInformationRequest(ctx: RequestContext, input: RespondToInformationRequestInput): Promise<CooperationRequest> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.load(tx, input.id);
      this.assertVersion(request, input.expectedVersion);
      if (request.status !== RequestStatus.INFORMATION_REQUESTED || !isRequestPartner(tx, request)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `There is no open information request to answer: the request is ${request.status}.`, {
          allowedTransitions: allowedTransitions(lifecycleRole(tx, request), request.status),
        });
      }
      const comment = await this.requests.insertComment(tx, request.id, authorOf(tx), input.body, false);
      await this.journal.commented(tx, request, true, request.assigneeId);
      await this.journal.commentEvent(tx, request, comment, true);
      const provided = described({ kind: EventTextKind.INFORMATION_PROVIDED });
      return this.lifecycle.transition(tx, request, RequestStatus.UNDER_REVIEW, provided.reason, {
        expectedVersion: input.expectedVersion,
        reasonParams: provided.params,
        before: [{ type: RequestEventType.COMMENTED, commentId: comment.id }],
      });
    });
  }

  reroute(ctx: RequestContext, id: string, sectionCode: string, reason: string, expectedVersion: number): Promise<CooperationRequest> {
    if (!reason.trim()) throw DomainError.badInput('Give a reason for rerouting; the partner and the new section see it on the timeline.', 'reason');
    return this.uow.run(ctx, async (tx) => {
      const request = await this.load(tx, id);
      this.assertVersion(request, expectedVersion);
      if (request.status === RequestStatus.DRAFT || TERMINAL_STATUSES.includes(request.status)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `A ${request.status} request cannot be rerouted.`, { allowedTransitions: allowedTransitions(lifecycleRole(tx, request), request.status) });
      }
      const section = await this.sections.byCode(tx, sectionCode);
      if (!section) throw DomainError.badInput(`sectionCode ${JSON.stringify(sectionCode)} is not a section; see sections for the codes.`, 'sectionCode');
      if (section.id === request.routedSectionId) throw DomainError.badInput(`The request is already routed to ${sectionCode}.`, 'sectionCode');
      // Service targets restart from submission with the new section's targets and time zone.
      const submitted = request.submittedAt ?? new Date();
      const updated = await this.write(tx, request, expectedVersion, {
        routed_section_id: section.id,
        routing_rule_id: null,
        routing_reason: RoutingReason.MANUAL,
        assignee_id: null,
        acknowledge_due_at: addWorkingDays(submitted, section.acknowledgeTargetDays, section.timeZone),
        decision_due_at: addWorkingDays(submitted, section.decideTargetDays, section.timeZone),
      });
      await this.journal.timeline(tx, id, [{ type: RequestEventType.REROUTED, sectionId: section.id, routingReason: RoutingReason.MANUAL, reason }]);
      await this.journal.recordAudit(tx, 'request.reroute', id, { fromSectionId: request.routedSectionId, toSectionId: section.id, reason });
      await this.journal.arrivedInSection(tx, updated, section.id, true);
      return updated;
    });
  }

  assign(ctx: RequestContext, id: string, assigneeId: string | null, expectedVersion: number): Promise<CooperationRequest> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.load(tx, id);
      this.assertVersion(request, expectedVersion);
      if (assigneeId && !(await this.people.isAssignable(tx, assigneeId, request.routedSectionId, request.partnerId))) {
        throw DomainError.badInput('assigneeId must be an active staff member of the section the request is routed to, or a coordinator covering its partner.', 'assigneeId');
      }
      return this.applyAssignment(tx, request, expectedVersion, assigneeId, { assigneeId });
    });
  }

  /** The assignment's write, timeline entry and audit row, shared by assign and assignMany. */
  private async applyAssignment(tx: RequestContext, request: CooperationRequest, version: number, assigneeId: string | null, audit: Record<string, unknown>): Promise<CooperationRequest> {
    const updated = await this.write(tx, request, version, { assignee_id: assigneeId });
    await this.journal.timeline(tx, request.id, [{ type: RequestEventType.ASSIGNED, reason: null }]);
    await this.journal.recordAudit(tx, 'request.assign', request.id, audit);
    return updated;
  }

  /**
   * Links a submitted request to another objective of its partner's plan, or unlinks it (null) — issue #17 item 1;
   * who may: mayLinkObjective. The database also holds the pair to one partner.
   */
  linkObjective(ctx: RequestContext, requestId: string, objectiveId: string | null): Promise<CooperationRequest> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.load(tx, requestId, true);
      if (request.status === RequestStatus.DRAFT) {
        throw DomainError.badInput('This request is a draft: choose its objective in the draft form and save it.', 'requestId');
      }
      const byPartner = isRequestPartner(tx, request);
      if (!mayLinkObjective(tx, request)) {
        throw DomainError.forbidden(
          `The request is ${request.status}: only the section or your coordinator can link it to another objective now. Ask them in a comment.`,
        );
      }
      if (objectiveId === request.objectiveId) {
        throw DomainError.badInput(objectiveId ? 'The request is already linked to this objective.' : 'The request is not linked to an objective.', 'objectiveId');
      }
      if (objectiveId) await this.plans.assertLinkable(tx, request.partnerId, objectiveId, byPartner);
      const updated = await this.write(tx, request, request.version, { objective_id: objectiveId });
      await this.journal.timeline(tx, request.id, [
        objectiveId
          ? { type: RequestEventType.OBJECTIVE_LINKED, objectiveId }
          : { type: RequestEventType.OBJECTIVE_UNLINKED, objectiveId: request.objectiveId },
      ]);
      await this.journal.recordAudit(tx, 'request.objective', request.id, { fromObjectiveId: request.objectiveId, toObjectiveId: objectiveId });
      return updated;
    });
  }

  /**
   * Assigns many requests to one person (or unassigns them) in one unit of work: each request is locked, checked
   * and audited on its own, and a request that cannot take the assignment is reported on its row instead of
   * failing the others (out of reach: NOT_FOUND; the person may not take it: BAD_USER_INPUT). The checks are
   * reads, so a refusal never leaves the transaction half-done.
   */
  assignMany(ctx: RequestContext, ids: readonly string[], assigneeId: string | null): Promise<AssignRequestsRow[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw DomainError.badInput('ids: select at least one request to assign.', 'ids');
    if (unique.length > MAX_BULK) throw DomainError.badInput(`ids: assign at most ${MAX_BULK} requests at once (you sent ${unique.length}).`, 'ids');
    if (assigneeId !== null && !isUUID(assigneeId)) throw DomainError.badInput('assigneeId must be the id of a person from assignableStaff, or null to unassign.', 'assigneeId');
    return this.uow.run(ctx, async (tx) => {
      const rows: AssignRequestsRow[] = [];
      for (const id of unique) {
        const refuse = (code: ErrorCode, message: string) => rows.push({ requestId: id, request: null, code, message });
        const request = isUUID(id) ? await this.requests.findReachable(tx, id, true) : undefined;
        if (!request) {
          refuse(ErrorCode.NOT_FOUND, 'This request does not exist, or you do not have access to it.');
          continue;
        }
        if (assigneeId && !(await this.people.isAssignable(tx, assigneeId, request.routedSectionId, request.partnerId))) {
          refuse(ErrorCode.BAD_USER_INPUT, `${request.reference}: the person is not active staff of the section it is routed to, nor a coordinator covering its partner; assign it to someone else.`);
          continue;
        }
        if (request.assigneeId === assigneeId) {
          rows.push({ requestId: id, request, code: null, message: null });
          continue;
        }
        // Locked above, so the version read is the version written.
        const updated = await this.applyAssignment(tx, request, request.version, assigneeId, { assigneeId, bulk: true });
        rows.push({ requestId: id, request: updated, code: null, message: null });
      }
      return rows;
    });
  }

  addComment(ctx: RequestContext, input: AddCommentInput): Promise<RequestComment> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.load(tx, input.requestId);
      if (input.internal && !seesInternalNotes(tx)) {
        throw DomainError.forbidden('Internal notes are for NATO staff; post a comment without internal to write to the section.');
      }
      const comment = await this.requests.insertComment(tx, request.id, authorOf(tx), input.body, input.internal);
      await this.requests.touch(tx, request.id);
      await this.journal.timeline(tx, request.id, [{ type: RequestEventType.COMMENTED, commentId: comment.id, internal: input.internal }]);
      await this.journal.recordAudit(tx, 'request.comment', request.id, { commentId: comment.id, internal: input.internal });
      if (!input.internal) {
        await this.journal.commented(tx, request, isRequestPartner(tx, request), request.assigneeId);
        await this.journal.commentEvent(tx, request, comment, isRequestPartner(tx, request));
      }
      return comment;
    });
  }

  /** The request, if the caller may reach it; otherwise NOT_FOUND (never a hint that it exists). */
  private async load(tx: RequestContext, id: string, lock = false): Promise<CooperationRequest> {
    const request = await this.requests.findReachable(tx, id, lock);
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

  /** The optimistic write of a change that is not a status change: one row or a CONFLICT carrying the version that won. */
  private async write(tx: RequestContext, request: CooperationRequest, expectedVersion: number, changes: Parameters<RequestRepository['update']>[3]): Promise<CooperationRequest> {
    const updated = await this.requests.update(tx, request.id, expectedVersion, changes);
    if (updated) return updated;
    const current = await this.requests.state(tx, request.id);
    throw DomainError.conflict(`Request ${request.reference} was changed by someone else (now version ${current?.version}). Reload it and try again.`, {
      currentVersion: current?.version,
    });
  }
}

/** A page of the queue: the most a bulk action takes at once. */
const MAX_BULK = 100;

function authorOf(tx: RequestContext): string | null {
  return tx.actor?.kind === 'user' ? tx.actor.id : null;
}

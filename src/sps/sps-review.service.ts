import { described, EventTextKind } from '../requests/event-params.js';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { PeopleService } from '../identity/people.service.js';
import type { RequestPerson } from '../requests/dto/request.types.js';
import { RequestQueryService } from '../requests/request-query.service.js';
import { RequestTriageService } from '../requests/request-triage.service.js';
import { RequestStatus, UNDECIDED_STATUSES } from '../requests/request.enums.js';
import type { AssignSpsReviewerInput, SpsReview, SpsReviewAssignment, SpsRubricCriterion, SubmitSpsReviewInput } from './dto/sps.types.js';
import { SpsAccess } from './sps-access.js';
import { SpsRepository, type RubricRow } from './sps.repository.js';

/** How many assignments "My reviews" shows (newest first; LIST_SIZES in query-cost.ts): a reviewer has a handful per committee round. */
const MY_REVIEWS_LIMIT = 50;

/**
 * SPS peer review (issue #15 item 2): SPS staff assign reviewers (active NATO staff) to an application, which takes
 * it under review through the requests' lifecycle door; reviewers score it against the rubric (data) with comments.
 * Reviews live in this context only: the partner's request, its timeline and comments never show them.
 */
@Injectable()
export class SpsReviewService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sps: SpsRepository,
    private readonly access: SpsAccess,
    private readonly requests: RequestQueryService,
    private readonly triage: RequestTriageService,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
  ) {}

  /** The rubric, once per request. */
  rubricRows(ctx: RequestContext): Promise<RubricRow[]> {
    return ctx.loaders.get('sps.rubric', async (keys: readonly string[]) => {
      const rows = await this.sps.rubric(ctx);
      return keys.map(() => rows);
    }).load('all');
  }

  async rubric(ctx: RequestContext): Promise<SpsRubricCriterion[]> {
    const fr = ctx.language === 'fr';
    return (await this.rubricRows(ctx)).map((r) => ({ code: r.code, label: fr ? r.labelFr : r.labelEn, guidance: fr ? r.guidanceFr : r.guidanceEn, minScore: r.minScore, maxScore: r.maxScore }));
  }

  private async order(ctx: RequestContext): Promise<string[]> {
    return (await this.rubricRows(ctx)).map((r) => r.code);
  }

  /** Who SPS staff may pick as a reviewer. */
  async candidates(ctx: RequestContext): Promise<RequestPerson[]> {
    await this.access.staffSections(ctx);
    return this.people.activeStaff(ctx);
  }

  assign(ctx: RequestContext, input: AssignSpsReviewerInput): Promise<SpsReview> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.access.application(tx, input.requestId);
      if (!UNDECIDED_STATUSES.includes(request.status)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `${request.reference} is ${request.status}: reviewers are assigned while an application is submitted or under review.`);
      }
      if (!(await this.people.isActiveStaff(tx, input.reviewerId))) {
        throw DomainError.badInput('reviewerId: pick an active NATO staff member (section staff or a coordinator); spsReviewerCandidates lists them.', 'reviewerId');
      }
      const review = await this.sps.insertReview(tx, request.id, input.reviewerId, tx.actor!.id, await this.order(tx));
      if (!review) throw DomainError.conflict(`This reviewer is already assigned to ${request.reference}.`);
      // Peer review is review: a submitted application is taken under review through the one door (timeline, audit, clocks).
      if (request.status === RequestStatus.SUBMITTED) {
        await this.triage.transition(tx, { id: request.id, to: RequestStatus.UNDER_REVIEW, expectedVersion: request.version }, described({ kind: EventTextKind.SPS_PEER_REVIEW }));
      }
      await this.audit.record(tx, 'sps.review.assign', { type: 'CooperationRequest', id: request.id }, { reviewId: review.id, reviewerId: input.reviewerId });
      return review;
    });
  }

  /** The caller's assignments with the applications they need to score, newest first. */
  async mine(ctx: RequestContext): Promise<SpsReviewAssignment[]> {
    const actor = ctx.actor;
    if (actor?.kind !== 'user') return [];
    const reviews = await this.sps.reviewsBy(ctx, actor.id, MY_REVIEWS_LIMIT, await this.order(ctx));
    // The assignment is the access decision: the reviewer reads the application whether or not their section reaches it.
    const requests = new Map((await this.requests.byIdsForContext(ctx, reviews.map((r) => r.requestId))).map((r) => [r.id, r]));
    return reviews.flatMap((review) => {
      const r = requests.get(review.requestId);
      return r ? [{ id: review.id, requestId: r.id, reference: r.reference, title: r.title, purpose: r.purpose, justification: r.justification, kindFields: r.kindFields, review }] : [];
    });
  }

  submit(ctx: RequestContext, input: SubmitSpsReviewInput): Promise<SpsReview> {
    return this.uow.run(ctx, async (tx) => {
      const order = await this.order(tx);
      const review = await this.sps.review(tx, input.reviewId, order, true);
      if (!review || review.reviewerId !== tx.actor?.id) throw DomainError.notFound('Review');
      const [placement] = await this.sps.placements(tx, [review.requestId]);
      if (placement?.outcomeCode) {
        const outcome = (await this.sps.outcomes(tx)).find((o) => o.code === placement.outcomeCode);
        if (outcome?.requestStatus) throw new DomainError(ErrorCode.INVALID_TRANSITION, 'The committee has decided on this application: its reviews are closed.');
      }
      const rubric = await this.rubricRows(tx);
      const fr = tx.language === 'fr';
      const label = (c: RubricRow) => (fr ? c.labelFr : c.labelEn);
      const given = new Map<string, number>();
      const problems: Array<{ path: string; code: string; message: string }> = [];
      for (const s of input.scores) {
        const c = rubric.find((r) => r.code === s.criterionCode);
        const path = `/scores/${s.criterionCode}`;
        if (!c) problems.push({ path, code: 'UNKNOWN_FIELD', message: fr ? `« ${s.criterionCode} » n'est pas un critère de la grille ; utilisez les codes de spsRubric.` : `"${s.criterionCode}" is not a rubric criterion; use the codes of spsRubric.` });
        else if (given.has(c.code)) problems.push({ path, code: 'DUPLICATE', message: fr ? `${label(c)} est noté deux fois ; donnez une seule note.` : `${label(c)} is scored twice; give one score.` });
        else if (s.score < c.minScore || s.score > c.maxScore) {
          problems.push({ path, code: 'OUT_OF_RANGE', message: fr ? `${label(c)} se note de ${c.minScore} à ${c.maxScore}, pas ${s.score}.` : `${label(c)} must be scored from ${c.minScore} to ${c.maxScore}, not ${s.score}.` });
        } else given.set(c.code, s.score);
      }
      for (const c of rubric) {
        if (!given.has(c.code) && !problems.some((p) => p.path === `/scores/${c.code}`)) {
          problems.push({ path: `/scores/${c.code}`, code: 'REQUIRED', message: fr ? `Notez : ${label(c)} (${c.minScore}–${c.maxScore}).` : `Score ${label(c)} (${c.minScore}–${c.maxScore}).` });
        }
      }
      if (problems.length) {
        const intro = fr ? 'Certaines notes sont à corriger : ' : 'Some scores need attention: ';
        throw new DomainError(ErrorCode.INVALID_FIELDS, `${intro}${problems.map((p) => p.message).join(' ')}`, { argument: 'input', fields: problems });
      }
      const saved = await this.sps.submitReview(tx, review.id, input.expectedVersion, Object.fromEntries(given), input.comments.trim(), order);
      if (!saved) throw DomainError.conflict(`This review was changed elsewhere (now version ${review.version}). Reload it and submit again.`, { currentVersion: review.version });
      await this.audit.record(tx, 'sps.review.submit', { type: 'CooperationRequest', id: review.requestId }, { reviewId: review.id, total: saved.total });
      return saved;
    });
  }

  /** Reviews of applications (a DataLoader per request): for SPS staff only, the resolver checks. */
  reviewsOf(ctx: RequestContext, requestId: string): Promise<SpsReview[]> {
    return ctx.loaders
      .get('sps.reviewsByRequest', async (ids: readonly string[]) => {
        const rows = await this.sps.reviewsOf(ctx, ids, await this.order(ctx));
        return ids.map((id) => rows.filter((r) => r.requestId === id));
      })
      .load(requestId);
  }

  reviewer(ctx: RequestContext, review: SpsReview): Promise<RequestPerson | null> {
    return this.people.personById(ctx).load(review.reviewerId);
  }
}

import { described, EventTextKind } from '../requests/event-params.js';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { CooperationRequest } from '../requests/cooperation-request.entity.js';
import { RequestQueryService } from '../requests/request-query.service.js';
import { RequestTriageService } from '../requests/request-triage.service.js';
import { RequestStatus, UNDECIDED_STATUSES } from '../requests/request.enums.js';
import type { AddSpsApplicationsInput, CreateSpsBatchInput, RecordSpsDecisionInput, SpsApplication, SpsCommitteeBatch, SpsDecisionOutcome } from './dto/sps.types.js';
import { SpsAccess } from './sps-access.js';
import { SpsRepository, type OutcomeRow } from './sps.repository.js';

/** Lists on the batch screen (LIST_SIZES in query-cost.ts): a committee round has tens of applications, a year a handful of batches. */
const LIST_LIMIT = 100;
const BATCH_LIMIT = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BATCH_APPLICATIONS_LIMIT = 40;

/**
 * SPS committee batches (issue #15 item 2): SPS staff group applications into a batch with a meeting date and record
 * one decision per application. An outcome that names a request status (ENDORSED → APPROVED, NOT_ENDORSED → DECLINED)
 * moves the request through the requests' lifecycle door, with the committee's reasons on its timeline; a deferral
 * leaves it under review, ready for a later batch. Every change is audited.
 */
@Injectable()
export class SpsCommitteeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sps: SpsRepository,
    private readonly access: SpsAccess,
    private readonly requests: RequestQueryService,
    private readonly triage: RequestTriageService,
    private readonly audit: AuditService,
  ) {}

  async outcomes(ctx: RequestContext): Promise<SpsDecisionOutcome[]> {
    return (await this.outcomeRows(ctx)).map((o) => this.outcomeView(ctx, o));
  }

  async batches(ctx: RequestContext): Promise<SpsCommitteeBatch[]> {
    await this.access.staffSections(ctx);
    return this.sps.batches(ctx, BATCH_LIMIT);
  }

  async batch(ctx: RequestContext, id: string): Promise<SpsCommitteeBatch | null> {
    await this.access.staffSections(ctx);
    if (!UUID.test(id)) throw DomainError.badInput(`id is not a committee batch id: ${JSON.stringify(id)}.`, 'id');
    return (await this.sps.batchesByIds(ctx, [id]))[0] ?? null;
  }

  create(ctx: RequestContext, input: CreateSpsBatchInput): Promise<SpsCommitteeBatch> {
    return this.uow.run(ctx, async (tx) => {
      await this.access.staffSections(tx);
      const today = new Date().toISOString().slice(0, 10);
      if (input.meetingDate < today) throw DomainError.badInput(`meetingDate ${input.meetingDate} is in the past: give the date the committee will meet (today or later).`, 'input');
      const batch = await this.sps.insertBatch(tx, input.name.trim(), input.meetingDate, tx.actor!.id);
      await this.audit.record(tx, 'sps.batch.create', { type: 'SpsCommitteeBatch', id: batch.id }, { name: batch.name, meetingDate: batch.meetingDate });
      return batch;
    });
  }

  add(ctx: RequestContext, input: AddSpsApplicationsInput): Promise<SpsCommitteeBatch> {
    return this.uow.run(ctx, async (tx) => {
      await this.access.staffSections(tx);
      const [batch] = await this.sps.batchesByIds(tx, [input.batchId]);
      if (!batch) throw DomainError.notFound('Committee batch');
      const outcomes = await this.outcomeRows(tx);
      const inBatch = new Set((await this.sps.placementsOfBatches(tx, [batch.id])).map((p) => p.requestId));
      const adding = [...new Set(input.requestIds)].filter((id) => !inBatch.has(id));
      if (inBatch.size + adding.length > BATCH_APPLICATIONS_LIMIT) {
        throw DomainError.badInput(`A committee batch takes at most ${BATCH_APPLICATIONS_LIMIT} applications; ${batch.name} has ${inBatch.size}. Create another batch for the rest.`, 'input');
      }
      for (const requestId of adding) {
        const request = await this.access.application(tx, requestId);
        if (!UNDECIDED_STATUSES.includes(request.status)) {
          throw new DomainError(ErrorCode.INVALID_TRANSITION, `${request.reference} is ${request.status}: only applications awaiting a decision go to a committee batch.`);
        }
        const [placed] = await this.sps.placements(tx, [request.id], true);
        if (placed?.batchId === batch.id) continue;
        const decided = placed?.outcomeCode ? outcomes.find((o) => o.code === placed.outcomeCode) : undefined;
        if (placed && (!placed.outcomeCode || decided?.requestStatus)) {
          throw DomainError.conflict(`${request.reference} is already in another committee batch; record a decision there (a deferral frees it for a later batch).`);
        }
        await this.sps.place(tx, request.id, batch.id, tx.actor!.id);
        await this.audit.record(tx, 'sps.batch.add', { type: 'CooperationRequest', id: request.id }, { batchId: batch.id, fromBatchId: placed?.batchId ?? null });
      }
      return batch;
    });
  }

  decide(ctx: RequestContext, input: RecordSpsDecisionInput): Promise<SpsApplication> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.access.application(tx, input.requestId);
      const [placed] = await this.sps.placements(tx, [request.id], true);
      if (!placed) throw DomainError.badInput(`${request.reference} is in no committee batch: add it to the batch that decides it first.`, 'input');
      const outcomes = await this.outcomeRows(tx);
      const outcome = outcomes.find((o) => o.code === input.outcomeCode);
      if (!outcome) throw DomainError.badInput(`outcomeCode must be one of ${outcomes.map((o) => o.code).join(', ')}.`, 'input');
      if (placed.outcomeCode) {
        throw DomainError.conflict(`The committee's decision on ${request.reference} is already recorded (${placed.outcomeCode}). ${placed.outcomeCode && !outcomes.find((o) => o.code === placed.outcomeCode)?.requestStatus ? 'Add it to a later batch to decide again.' : ''}`.trim());
      }
      if (request.version !== input.expectedVersion) {
        throw DomainError.conflict(`${request.reference} was changed elsewhere (now version ${request.version}). Reload it and record the decision again.`, { currentVersion: request.version });
      }
      const [batch] = await this.sps.batchesByIds(tx, [placed.batchId]);
      const reason = input.reason.trim();
      let current: CooperationRequest = request;
      if (outcome.requestStatus) {
        // The committee decides from review: an application still SUBMITTED or waiting for information is taken under review first.
        if (current.status !== RequestStatus.UNDER_REVIEW) {
          current = await this.triage.transition(tx, { id: current.id, to: RequestStatus.UNDER_REVIEW, expectedVersion: current.version }, described({ kind: EventTextKind.SPS_COMMITTEE }));
        }
        const decision = described({ kind: EventTextKind.SPS_DECISION, batch: batch!.name, meetingDate: batch!.meetingDate, outcomeEn: outcome.labelEn, outcomeFr: outcome.labelFr, note: reason });
        current = await this.triage.transition(tx, { id: current.id, to: outcome.requestStatus, expectedVersion: current.version }, decision);
      }
      await this.sps.decide(tx, request.id, outcome.code, reason, tx.actor!.id);
      await this.audit.record(tx, 'sps.decision.record', { type: 'CooperationRequest', id: request.id }, { batchId: placed.batchId, outcome: outcome.code, reason });
      return (await this.applications(tx, [current]))[0]!;
    });
  }

  /** An application SPS staff reach, with its batch and decision. */
  async application(ctx: RequestContext, requestId: string): Promise<SpsApplication> {
    const request = await this.access.application(ctx, requestId);
    return (await this.applications(ctx, [request]))[0]!;
  }

  /** Applications with a reviewer and no batch yet, for the batch screen. */
  async toSchedule(ctx: RequestContext): Promise<SpsApplication[]> {
    const sections = await this.access.staffSections(ctx);
    const ids = await this.sps.reviewedUnbatched(ctx, LIST_LIMIT);
    const requests = (await this.requestsByIds(ctx, ids)).filter((r) => this.access.inReach(sections, r) && UNDECIDED_STATUSES.includes(r.status));
    return this.applications(ctx, requests);
  }

  /** A batch's applications in the order they were added (a DataLoader per batch; only SPS staff reach a batch). */
  async ofBatch(ctx: RequestContext, batchId: string): Promise<SpsApplication[]> {
    const sections = await this.access.staffSections(ctx);
    const ids = await ctx.loaders
      .get('sps.applicationsByBatch', async (batchIds: readonly string[]) => {
        const rows = await this.sps.placementsOfBatches(ctx, batchIds);
        return batchIds.map((b) => rows.filter((r) => r.batchId === b).slice(0, BATCH_APPLICATIONS_LIMIT).map((r) => r.requestId));
      })
      .load(batchId);
    const byId = new Map((await this.requestsByIds(ctx, ids)).map((r) => [r.id, r]));
    return this.applications(ctx, ids.map((id) => byId.get(id)).filter((r): r is CooperationRequest => !!r && this.access.inReach(sections, r)));
  }

  /**
   * The SPS view of loaded requests through per-request DataLoaders (placements, batches; outcomes once), so a
   * screen of many batches costs the same few statements as one (test/sps-review.e2e-spec.ts counts them).
   */
  private async applications(ctx: RequestContext, requests: CooperationRequest[]): Promise<SpsApplication[]> {
    const placements = ctx.loaders.get('sps.placementByRequest', async (ids: readonly string[]) => {
      const rows = await this.sps.placements(ctx, ids);
      return ids.map((id) => rows.find((r) => r.requestId === id) ?? null);
    });
    const batches = ctx.loaders.get('sps.batchById', async (ids: readonly string[]) => {
      const rows = await this.sps.batchesByIds(ctx, ids);
      return ids.map((id) => rows.find((b) => b.id === id) ?? null);
    });
    const outcomes = await this.outcomeRows(ctx);
    return Promise.all(
      requests.map(async (request) => {
        const p = await placements.load(request.id);
        const outcome = p?.outcomeCode ? outcomes.find((o) => o.code === p.outcomeCode) : undefined;
        return {
          id: request.id,
          request,
          batch: p ? await batches.load(p.batchId) : null,
          outcome: outcome ? this.outcomeView(ctx, outcome) : null,
          decisionReason: p?.decisionReason ?? null,
          decidedAt: p?.decidedAt ?? null,
        };
      }),
    );
  }

  /** Requests by id for the SPS screens (the caller's access is decided by SpsAccess), batched per request. */
  private requestsByIds(ctx: RequestContext, ids: readonly string[]): Promise<CooperationRequest[]> {
    const loader = ctx.loaders.get('sps.requestById', async (keys: readonly string[]) => {
      const rows = await this.requests.byIdsForContext(ctx, keys);
      return keys.map((id) => rows.find((r) => r.id === id) ?? null);
    });
    return loader.loadMany(ids).then((rows) => rows.filter((r): r is CooperationRequest => !!r && !(r instanceof Error)));
  }

  private outcomeRows(ctx: RequestContext): Promise<OutcomeRow[]> {
    return ctx.loaders.get('sps.outcomes', async (keys: readonly string[]) => {
      const rows = await this.sps.outcomes(ctx);
      return keys.map(() => rows);
    }).load('all');
  }

  private outcomeView(ctx: RequestContext, o: OutcomeRow): SpsDecisionOutcome {
    return { code: o.code, label: ctx.language === 'fr' ? o.labelFr : o.labelEn, requestStatus: o.requestStatus };
  }
}

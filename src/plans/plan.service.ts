import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { byKeys } from '../common/dataloader/dataloader-registry.js';
import { DomainError } from '../common/errors/domain-error.js';
import { PartnerService } from '../organisation/partner.service.js';
import { type CreateObjectiveInput, ObjectiveStatus, type ObjectiveFieldsInput, type PartnerObjective, type UpdateObjectiveInput } from './dto/objective.types.js';
import { ObjectiveRepository, type ObjectiveRow } from './objective.repository.js';
import { managesPlan, planReach, proposesForPlan, readsPlan } from './plan-access.js';

/** Statuses a request may no longer link to. */
const CLOSED: readonly ObjectiveStatus[] = [ObjectiveStatus.DROPPED];

/**
 * Partners' plans (issue #17 item 1): the objectives, who reads and edits them (plan-access.ts), and what other
 * contexts ask of them — the requests context checks a link (`assertLinkable`) and loads a request's objective
 * (`objectiveById`, no access check: the caller already reaches the request that links it).
 */
@Injectable()
export class PlanService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly objectives: ObjectiveRepository,
    private readonly partners: PartnerService,
    private readonly audit: AuditService,
  ) {}

  /** The objectives of one partner's plan (by code), or of every partner the caller reaches when no code is given. */
  async list(ctx: RequestContext, partnerCode: string | null | undefined, statuses: ObjectiveStatus[] | null | undefined): Promise<PartnerObjective[]> {
    const reach = planReach(ctx);
    let partnerIds: readonly string[] | null = 'all' in reach ? null : reach.partnerIds;
    if (partnerCode) {
      const partner = await this.partners.byCode(ctx, partnerCode);
      if (!partner || !readsPlan(ctx, partner.id)) throw DomainError.notFound(`The plan of partner "${partnerCode}"`);
      partnerIds = [partner.id];
    }
    if (partnerIds !== null && partnerIds.length === 0) return [];
    return this.objectives.list(ctx, partnerIds, statuses?.length ? statuses : null);
  }

  async get(ctx: RequestContext, id: string): Promise<PartnerObjective | null> {
    if (!isUUID(id)) throw DomainError.badInput(`id must be an objective id (a UUID); got ${JSON.stringify(id.slice(0, 60))}.`, 'id');
    const objective = await this.objectiveById(ctx).load(id);
    return objective && readsPlan(ctx, objective.partnerId) ? objective : null;
  }

  create(ctx: RequestContext, input: CreateObjectiveInput): Promise<PartnerObjective> {
    return this.uow.run(ctx, async (tx) => {
      const partner = await this.partners.byCode(tx, input.partnerCode);
      if (!partner || !readsPlan(tx, partner.id)) throw DomainError.notFound(`The plan of partner "${input.partnerCode}"`);
      const manages = managesPlan(tx, partner.id);
      if (!manages && !proposesForPlan(tx, partner.id)) throw DomainError.forbidden("Only the partner's liaison officers, its coordinators and administrators add objectives to its plan.");
      if (!manages && input.status && input.status !== ObjectiveStatus.PROPOSED) {
        throw DomainError.forbidden('A liaison officer proposes objectives (status PROPOSED); the covering coordinator agrees them. Leave status out.');
      }
      const objective = await this.objectives.insert(tx, partner.id, tx.actor?.kind === 'user' ? tx.actor.id : null, this.row(input, input.status ?? ObjectiveStatus.PROPOSED));
      await this.audit.record(tx, 'objective.create', { type: 'partner_objective', id: objective.id }, { partnerCode: partner.code, status: objective.status });
      return objective;
    });
  }

  update(ctx: RequestContext, input: UpdateObjectiveInput): Promise<PartnerObjective> {
    return this.uow.run(ctx, async (tx) => {
      const current = await this.objectives.lock(tx, input.id);
      if (!current || !readsPlan(tx, current.partnerId)) throw DomainError.notFound('Objective');
      const manages = managesPlan(tx, current.partnerId);
      if (!manages) {
        if (!proposesForPlan(tx, current.partnerId)) throw DomainError.forbidden("Only the partner's coordinators and administrators edit its plan.");
        if (current.status !== ObjectiveStatus.PROPOSED) {
          throw DomainError.forbidden(`This objective is ${current.status}: only the covering coordinator or an administrator can change it now. Comment on a request, or ask your coordinator.`);
        }
        if (input.status && input.status !== ObjectiveStatus.PROPOSED) throw DomainError.forbidden('A liaison officer cannot change the status of an objective; the covering coordinator agrees it.');
      }
      const updated = await this.objectives.update(tx, input.id, input.expectedVersion, this.row(input, input.status ?? current.status));
      if (!updated) throw DomainError.conflict(`This objective was changed elsewhere (now version ${current.version}). Reload it and apply your change again.`, { currentVersion: current.version });
      await this.audit.record(tx, 'objective.update', { type: 'partner_objective', id: updated.id }, { fromStatus: current.status, toStatus: updated.status });
      return updated;
    });
  }

  /** Objectives by id, unchecked: for a request already in the caller's reach (its objective) or a plan read already checked. */
  objectiveById(ctx: RequestContext): DataLoader<string, PartnerObjective | null> {
    return ctx.loaders.get('plans.objectiveById', async (ids: readonly string[]) => byKeys(ids, await this.objectives.byIds(ctx, ids), (o) => o.id, null));
  }

  /** The objectives a request of this partner may link to (not dropped); the requests context decides who asks. */
  linkableObjectives(ctx: RequestContext, partnerId: string): Promise<PartnerObjective[]> {
    return this.objectives.list(ctx, [partnerId], Object.values(ObjectiveStatus).filter((s) => !CLOSED.includes(s)));
  }

  /**
   * A request of `partnerId` may link to `objectiveId`: an objective of that partner's plan that is not dropped.
   * `byPartner` false: NATO staff link it, so the message speaks of the request's partner, not of "your" plan.
   */
  async assertLinkable(ctx: RequestContext, partnerId: string, objectiveId: string, byPartner = true): Promise<PartnerObjective> {
    const objective = (await this.objectives.byIds(ctx, [objectiveId]))[0];
    if (!objective || objective.partnerId !== partnerId) {
      throw DomainError.badInput(
        byPartner
          ? "objectiveId is not an objective of your partner's plan. Pick one from your plan, or leave it out."
          : "objectiveId is not an objective of the plan of the request's partner. Pick one of that partner's objectives, or unlink the request.",
        'objectiveId',
      );
    }
    if (CLOSED.includes(objective.status)) {
      throw DomainError.badInput(`The objective "${objective.title}" was dropped from the plan; link the request to another objective, or leave it out.`, 'objectiveId');
    }
    return objective;
  }

  private row(input: ObjectiveFieldsInput, status: ObjectiveStatus): ObjectiveRow {
    return {
      title: input.title.trim(),
      ends: input.ends,
      ways: input.ways ?? null,
      means: input.means ?? null,
      owner: input.owner ?? null,
      target_date: input.targetDate ?? null,
      status,
    };
  }
}

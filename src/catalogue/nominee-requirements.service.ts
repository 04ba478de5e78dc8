import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { NomineeRequirementRepository } from './nominee-requirement.repository.js';
import { ClearanceLevel, type NomineeRequirementData, type SetNomineeRequirementInput } from './nominee-requirement.types.js';

/**
 * What a course asks of each nominee (minimum clearance, minimum STANAG 6001 SLP in a language), declared on
 * an offering or on one iteration (which then replaces the offering's). Exported for the requests context,
 * which checks nominees against it.
 */
@Injectable()
export class NomineeRequirements {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: NomineeRequirementRepository,
    private readonly audit: AuditService,
  ) {}

  /** The requirement that applies to a request's course; null when none is declared. */
  forCourse(ctx: RequestContext, offeringId: string, iterationId: string | null): Promise<NomineeRequirementData | null> {
    return this.repo.effective(ctx, offeringId, iterationId);
  }

  byOfferingId(ctx: RequestContext): DataLoader<string, NomineeRequirementData | null> {
    return ctx.loaders.get('catalogue.nomineeRequirementByOfferingId', async (ids: readonly string[]) => {
      const found = await this.repo.byOfferingIds(ctx, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  byIterationId(ctx: RequestContext): DataLoader<string, NomineeRequirementData | null> {
    return ctx.loaders.get('catalogue.nomineeRequirementByIterationId', async (ids: readonly string[]) => {
      const found = await this.repo.byIterationIds(ctx, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  set(ctx: RequestContext, input: SetNomineeRequirementInput): Promise<NomineeRequirementData | null> {
    const offeringId = input.offeringId ?? null;
    const iterationId = input.iterationId ?? null;
    if ((offeringId === null) === (iterationId === null)) throw DomainError.badInput('Give exactly one of input.offeringId (the whole offering) or input.iterationId (one iteration).', 'input');
    const language = input.language ?? null;
    const minSlp = input.minSlp ?? null;
    if ((language === null) !== (minSlp === null)) {
      throw DomainError.badInput('input.language and input.minSlp go together: give both (e.g. en and 3232) or neither.', 'input');
    }
    const minClearance = input.minClearance && input.minClearance !== ClearanceLevel.NONE ? input.minClearance : null;
    const req: NomineeRequirementData = { minClearance, language, minSlp };
    const target = { offeringId, iterationId };
    return this.uow.run(ctx, async (tx) => {
      const exists = offeringId ? await this.repo.offeringExists(tx, offeringId) : (await this.repo.iterationOffering(tx, iterationId!)) !== undefined;
      if (!exists) throw DomainError.notFound(offeringId ? 'Offering' : 'Iteration');
      const clear = minClearance === null && language === null;
      if (clear) await this.repo.remove(tx, target);
      else await this.repo.upsert(tx, target, req);
      await this.audit.record(tx, clear ? 'nomineeRequirement.remove' : 'nomineeRequirement.set', offeringId ? { type: 'Offering', id: offeringId } : { type: 'OfferingIteration', id: iterationId! }, {
        minClearance,
        language,
        minSlp,
      });
      return clear ? null : req;
    });
  }
}

import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { OfferingEligibility } from '../catalogue/offering-eligibility.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { PartnerService } from '../organisation/partner.service.js';
import { SectionService } from '../organisation/section.service.js';
import type { CreateRoutingRuleInput, RoutingRuleInput, UpdateRoutingRuleInput } from './dto/routing-rule.inputs.js';
import { RoutingReason } from './request.enums.js';
import { decideRoute, type RoutingDecision, type RoutingFacts } from './routing-matcher.js';
import type { RoutingRule } from './routing-rule.entity.js';
import { RoutingRuleRepository, type RoutingRuleRow } from './routing-rule.repository.js';

/** Stands in for the default section's id until a decision needs it (then it is read by code). */
const DEFAULT_SECTION_PENDING = '';

/** Routing rules (administrators) and the routing decision for a request. */
@Injectable()
export class RequestRoutingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly rules: RoutingRuleRepository,
    private readonly catalogue: OfferingEligibility,
    private readonly organisation: OrganisationLoaders,
    private readonly partners: PartnerService,
    private readonly sections: SectionService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Decides the section for a request about to be submitted, in the submission's unit of work. */
  async decide(tx: RequestContext, request: { partnerId: string; offeringId: string | null; areaId: string | null }): Promise<RoutingDecision> {
    const offering = request.offeringId ? await this.catalogue.routingFacts(tx, request.offeringId) : undefined;
    const frameworks = await this.organisation.frameworksByPartnerId(tx).load(request.partnerId);
    const rules = await this.rules.criteria(tx);
    const areaIds = offering?.areaIds ?? [];
    const facts: RoutingFacts = {
      offeringId: request.offeringId,
      offeringKind: offering?.kind ?? null,
      areaIds: request.areaId ? [...areaIds, request.areaId] : areaIds,
      topicIds: offering?.topicIds ?? [],
      partnerId: request.partnerId,
      frameworkIds: frameworks.map((f) => f.id),
    };
    const decision = decideRoute(rules, facts, offering?.owningSectionId ?? null, DEFAULT_SECTION_PENDING);
    if (decision.reason !== RoutingReason.DEFAULT_SECTION) return decision;
    // The default section is read only when neither a rule nor the owning section decides.
    const fallback = await this.sections.byCode(tx, this.config.DEFAULT_SECTION_CODE);
    if (!fallback) throw new Error(`DEFAULT_SECTION_CODE ${this.config.DEFAULT_SECTION_CODE} names no section`);
    return { ...decision, sectionId: fallback.id };
  }

  list(ctx: RequestContext): Promise<RoutingRule[]> {
    return this.rules.list(ctx);
  }

  create(ctx: RequestContext, input: CreateRoutingRuleInput): Promise<RoutingRule> {
    return this.uow.run(ctx, async (tx) => {
      await this.rules.lockPositions(tx);
      const row = await this.resolveCriteria(tx, input);
      const count = await this.rules.count(tx);
      const position = Math.min(input.position ?? count + 1, count + 1);
      const id = await this.rules.insertAt(tx, position, row);
      await this.record(tx, 'routingRule.create', id, { name: input.name, position, targetSectionCode: input.targetSectionCode });
      return (await this.rules.findById(tx, id))!;
    });
  }

  update(ctx: RequestContext, input: UpdateRoutingRuleInput): Promise<RoutingRule> {
    return this.uow.run(ctx, async (tx) => {
      const row = await this.resolveCriteria(tx, input);
      if (!(await this.rules.update(tx, input.id, input.expectedVersion, row))) await this.conflictOrMissing(tx, input.id);
      await this.record(tx, 'routingRule.update', input.id, { name: input.name, targetSectionCode: input.targetSectionCode });
      return (await this.rules.findById(tx, input.id))!;
    });
  }

  /** `ids` lists every rule once, in the new order. */
  reorder(ctx: RequestContext, ids: string[]): Promise<RoutingRule[]> {
    return this.uow.run(ctx, async (tx) => {
      await this.rules.lockPositions(tx);
      const known = new Set(await this.rules.ids(tx));
      if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
        throw DomainError.badInput(`ids must list every routing rule exactly once (there are ${known.size}), in the new order.`, 'ids');
      }
      await this.rules.reorder(tx, ids);
      await this.record(tx, 'routingRule.reorder', null, { ids });
      return this.rules.list(tx);
    });
  }

  delete(ctx: RequestContext, id: string): Promise<boolean> {
    // The id column is a uuid: anything else would fail in SQL instead of being refused.
    if (!isUUID(id)) throw DomainError.badInput(`id must be a routing rule id (a UUID); got ${JSON.stringify(id.slice(0, 60))}.`, 'id');
    return this.uow.run(ctx, async (tx) => {
      await this.rules.lockPositions(tx);
      const name = await this.rules.delete(tx, id);
      if (name === undefined) throw DomainError.notFound('Routing rule');
      await this.record(tx, 'routingRule.delete', id, { name });
      return true;
    });
  }

  private async conflictOrMissing(tx: RequestContext, id: string): Promise<never> {
    const version = await this.rules.version(tx, id);
    if (version === undefined) throw DomainError.notFound('Routing rule');
    throw DomainError.conflict(`The routing rule was changed by someone else (now version ${version}). Reload it and apply your change again.`, {
      currentVersion: version,
    });
  }

  /** Codes → ids; an unknown code is bad input naming the field. */
  private async resolveCriteria(tx: RequestContext, input: RoutingRuleInput): Promise<RoutingRuleRow> {
    const org = {
      sectionId: (await this.sections.byCode(tx, input.targetSectionCode))?.id ?? null,
      partnerId: input.partnerCode ? ((await this.partners.byCode(tx, input.partnerCode))?.id ?? null) : null,
      frameworkId: input.frameworkCode ? ((await this.partners.frameworkByCode(tx, input.frameworkCode))?.id ?? null) : null,
    };
    const cat = await this.catalogue.references(tx, { offeringId: input.offeringId, areaCode: input.areaCode, topicCode: input.topicCode });
    const unknown = (field: string, value: string) => DomainError.badInput(`input.${field} ${JSON.stringify(value)} does not exist.`, 'input');
    if (!org.sectionId) throw unknown('targetSectionCode', input.targetSectionCode);
    if (input.offeringId && !cat.offeringId) throw unknown('offeringId', input.offeringId);
    if (input.areaCode && !cat.areaId) throw unknown('areaCode', input.areaCode);
    if (input.topicCode && !cat.topicId) throw unknown('topicCode', input.topicCode);
    if (input.partnerCode && !org.partnerId) throw unknown('partnerCode', input.partnerCode);
    if (input.frameworkCode && !org.frameworkId) throw unknown('frameworkCode', input.frameworkCode);
    return {
      name: input.name,
      offering_id: cat.offeringId,
      offering_kind: input.offeringKind ?? null,
      area_id: cat.areaId,
      topic_id: cat.topicId,
      partner_id: org.partnerId,
      framework_id: org.frameworkId,
      target_section_id: org.sectionId,
    };
  }

  /** The audit event, in the unit of work. */
  private record(tx: RequestContext, action: string, id: string | null, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(tx, action, id ? { type: 'RoutingRule', id } : null, details);
  }
}

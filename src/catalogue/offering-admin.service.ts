import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { isUUID } from 'class-validator';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { OfferingStatus } from './catalogue.enums.js';
import type { CreateOfferingInput, UpdateOfferingInput } from './dto/offering.input.js';
import type { Offering } from './offering.entity.js';
import { PartnerService } from '../organisation/partner.service.js';
import { assertBilingual, missingOfferingTexts, refuseUntranslated } from './bilingual-publishing.js';
import { OFFERING_LINKS, OfferingRepository, type ReferenceTable } from './offering.repository.js';
import { MarkingScope } from './releasability-marking.type.js';
import { WebhookEvents } from '../integrations/webhook-events.js';

/** Plain columns an administrator may set, input field → column. */
const COLUMNS: Partial<Record<keyof UpdateOfferingInput, string>> = {
  kind: 'kind',
  subtype: 'subtype',
  titleEn: 'title_en',
  titleFr: 'title_fr',
  summaryEn: 'summary_en',
  summaryFr: 'summary_fr',
  descriptionEn: 'description_en',
  descriptionFr: 'description_fr',
  deliveryMode: 'delivery_mode',
  deliveryLanguages: 'delivery_languages',
  prerequisites: 'prerequisites',
  costNotes: 'cost_notes',
  prerequisitesFr: 'prerequisites_fr',
  costNotesFr: 'cost_notes_fr',
  requiredProgrammeFlags: 'required_programme_flags',
  leadTimeDays: 'lead_time_days',
  eprimeReference: 'eprime_reference',
  etocCode: 'etoc_code',
  releasability: 'releasability',
};

/** Which status each lifecycle action may start from. */
const TRANSITIONS: Record<'publish' | 'archive', OfferingStatus[]> = {
  publish: [OfferingStatus.DRAFT, OfferingStatus.ARCHIVED],
  archive: [OfferingStatus.DRAFT, OfferingStatus.PUBLISHED],
};

/** Administrators' catalogue edits: each mutation one unit of work, with optimistic concurrency on updates. */
@Injectable()
export class OfferingAdminService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly offerings: OfferingRepository,
    private readonly audit: AuditService,
    private readonly partners: PartnerService,
    private readonly webhooks: WebhookEvents,
  ) {}

  create(ctx: RequestContext, input: CreateOfferingInput): Promise<Offering> {
    if (!input.titleEn && !input.titleFr) throw DomainError.badInput('input.titleEn or input.titleFr is required: an offering needs a title in at least one language.', 'input');
    return this.uow.run(ctx, async (tx) => {
      await this.assertMarking(tx, input.releasability);
      await this.partners.assertProgrammeFlags(tx, input.requiredProgrammeFlags ?? [], 'input.requiredProgrammeFlags', 'input');
      const [owningSectionId] = await this.idsOfCodes(tx, 'section', [input.owningSectionCode], 'input.owningSectionCode');
      const [providerId] = input.providerSectionCode ? await this.idsOfCodes(tx, 'section', [input.providerSectionCode], 'input.providerSectionCode') : [owningSectionId];
      const id = await this.offerings.insert(tx, {
        code: input.code,
        kind: input.kind,
        subtype: input.subtype ?? null,
        title_en: input.titleEn ?? null,
        title_fr: input.titleFr ?? null,
        summary_en: input.summaryEn ?? null,
        summary_fr: input.summaryFr ?? null,
        description_en: input.descriptionEn ?? null,
        description_fr: input.descriptionFr ?? null,
        owning_section_id: owningSectionId!,
        provider_section_id: providerId ?? null,
        delivery_mode: input.deliveryMode,
        delivery_languages: input.deliveryLanguages ?? [],
        prerequisites: input.prerequisites ?? null,
        prerequisites_fr: input.prerequisitesFr ?? null,
        cost_notes: input.costNotes ?? null,
        cost_notes_fr: input.costNotesFr ?? null,
        required_programme_flags: [...new Set(input.requiredProgrammeFlags ?? [])],
        lead_time_days: input.leadTimeDays,
        eprime_reference: input.eprimeReference ?? null,
        etoc_code: input.etocCode ?? null,
        releasability: input.releasability,
      });
      if (!id) throw DomainError.conflict(`An offering with code ${input.code} already exists; codes are unique and stable.`);
      await this.replaceLinks(tx, id, input);
      await this.assertRecipients(tx, id, input);
      await this.record(tx, 'offering.create', id, { code: input.code });
      const created = (await this.offerings.findById(tx, id))!;
      await this.webhooks.offeringChanged(tx, created, false, ['created']);
      return created;
    });
  }

  update(ctx: RequestContext, input: UpdateOfferingInput): Promise<Offering> {
    return this.uow.run(ctx, async (tx) => {
      if (input.titleEn === null || input.titleFr === null) await this.assertKeepsATitle(tx, input);
      if (input.releasability !== undefined) await this.assertMarking(tx, input.releasability);
      if (input.requiredProgrammeFlags) await this.partners.assertProgrammeFlags(tx, input.requiredProgrammeFlags, 'input.requiredProgrammeFlags', 'input');
      const changes: Record<string, unknown> = {};
      for (const [field, column] of Object.entries(COLUMNS) as [keyof UpdateOfferingInput, string][]) {
        if (input[field] !== undefined) changes[column] = input[field];
      }
      if (input.owningSectionCode !== undefined) changes.owning_section_id = (await this.idsOfCodes(tx, 'section', [input.owningSectionCode], 'input.owningSectionCode'))[0];
      if (input.providerSectionCode !== undefined) {
        changes.provider_section_id = input.providerSectionCode ? (await this.idsOfCodes(tx, 'section', [input.providerSectionCode], 'input.providerSectionCode'))[0] : null;
      }
      if (!(await this.offerings.update(tx, input.id, input.version, changes))) await this.explainMissedUpdate(tx, input.id, input.version);
      await this.replaceLinks(tx, input.id, input);
      await this.assertRecipients(tx, input.id, input);
      const updated = (await this.offerings.findById(tx, input.id))!;
      // An edit cannot take back what publishing required: the offering's texts as they now stand, in both languages
      // (its iterations are checked when they are written). A draft is free until it is published.
      if (updated.status === OfferingStatus.PUBLISHED) refuseUntranslated(updated.code, 'saved', missingOfferingTexts(updated));
      const fields = Object.keys(input).filter((k) => k !== 'id' && k !== 'version');
      await this.record(tx, 'offering.update', input.id, { fields });
      await this.webhooks.offeringChanged(tx, updated, false, fields);
      return updated;
    });
  }

  publish(ctx: RequestContext, id: string, version?: number | null): Promise<Offering> {
    return this.transition(ctx, id, version, 'publish', OfferingStatus.PUBLISHED);
  }

  archive(ctx: RequestContext, id: string, version?: number | null): Promise<Offering> {
    return this.transition(ctx, id, version, 'archive', OfferingStatus.ARCHIVED);
  }

  private transition(ctx: RequestContext, id: string, version: number | null | undefined, action: 'publish' | 'archive', to: OfferingStatus): Promise<Offering> {
    // The id column is a uuid: anything else would fail in SQL instead of being refused.
    if (!isUUID(id)) throw DomainError.badInput(`id must be an offering id (a UUID); got ${JSON.stringify(id.slice(0, 60))}.`, 'id');
    return this.uow.run(ctx, async (tx) => {
      const current = await this.offerings.lockStatus(tx, id);
      if (!current) throw DomainError.notFound('Offering');
      if (version !== undefined && version !== null && current.version !== version) {
        throw DomainError.conflict('Someone changed this offering since you read it; reload it and try again.', { currentVersion: current.version });
      }
      if (!TRANSITIONS[action].includes(current.status)) {
        throw new DomainError(
          ErrorCode.INVALID_TRANSITION,
          `Cannot ${action} an offering that is ${current.status}; it must be ${TRANSITIONS[action].join(' or ')}.`,
        );
      }
      // Publishing is the one door to PUBLISHED (create and update never set a status): both languages, every text.
      if (to === OfferingStatus.PUBLISHED) {
        const offering = (await this.offerings.findById(tx, id))!;
        assertBilingual(offering.code, 'published', offering, await this.offerings.iterationTexts(tx, id));
      }
      await this.offerings.setStatus(tx, id, to);
      await this.record(tx, `offering.${action}`, id, { from: current.status, to });
      const changed = (await this.offerings.findById(tx, id))!;
      // Archiving is a change of a published offering: partner-scoped endpoints hear of it, as they heard of the publication.
      await this.webhooks.offeringChanged(tx, action === 'archive' && current.status === OfferingStatus.PUBLISHED ? { ...changed, status: current.status } : changed, action === 'publish', ['status']);
      return changed;
    });
  }

  /** Replaces each relation list the input carries; lists it omits are kept. */
  private async replaceLinks(tx: RequestContext, offeringId: string, input: Partial<Record<(typeof OFFERING_LINKS)[number]['field'], string[] | null>>): Promise<void> {
    for (const link of OFFERING_LINKS) {
      const codes = input[link.field];
      if (codes === undefined || codes === null) continue;
      await this.offerings.replaceLinks(tx, offeringId, link, await this.idsOfCodes(tx, link.target, codes, `input.${link.field}`));
    }
  }

  /** The marking must come from the controlled list (releasabilityMarkings). */
  private async assertMarking(tx: RequestContext, code: string): Promise<void> {
    if ((await this.offerings.markingScope(tx, code)) !== undefined) return;
    const known = await this.offerings.markingCodes(tx);
    throw DomainError.badInput(`input.releasability ${JSON.stringify(code)} is not a releasability marking; use one of: ${known.join(', ')}.`, 'input');
  }

  /**
   * RELEASABLE TO (a LISTED marking) names at least one partner or framework; the other markings release to
   * everyone of their scope and carry no list (a list left from an earlier RELEASABLE TO is dropped).
   */
  private async assertRecipients(tx: RequestContext, offeringId: string, input: { releasablePartnerCodes?: string[] | null; releasableFrameworkCodes?: string[] | null }): Promise<void> {
    const state = (await this.offerings.releasabilityState(tx, offeringId))!;
    if (state.scope === MarkingScope.LISTED) {
      if (state.listed === 0) {
        throw DomainError.badInput(`${state.code} needs at least one recipient: give input.releasablePartnerCodes and/or input.releasableFrameworkCodes.`, 'input');
      }
      return;
    }
    if (input.releasablePartnerCodes?.length || input.releasableFrameworkCodes?.length) {
      throw DomainError.badInput(`${state.code} releases to every ${state.scope === MarkingScope.PUBLIC ? 'reader' : 'partner'}: leave releasablePartnerCodes and releasableFrameworkCodes empty, or use a RELEASABLE TO marking.`, 'input');
    }
    if (state.listed > 0) {
      for (const link of OFFERING_LINKS.filter((l) => l.field.startsWith('releasable'))) await this.offerings.replaceLinks(tx, offeringId, link, []);
    }
  }

  /** Ids of the rows with these codes, in order; an unknown code is bad input naming `argument`. */
  private async idsOfCodes(tx: RequestContext, table: ReferenceTable, codes: string[], argument: string): Promise<string[]> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return [];
    const byCode = await this.offerings.idsByCode(tx, table, unique);
    const unknown = unique.filter((c) => !byCode.has(c));
    if (unknown.length) throw DomainError.badInput(`Unknown code(s) in ${argument}: ${unknown.join(', ')}`, argument.split('.')[0]);
    return unique.map((c) => byCode.get(c)!);
  }

  private async assertKeepsATitle(tx: RequestContext, input: UpdateOfferingInput): Promise<void> {
    const row = await this.offerings.titles(tx, input.id);
    if (!row) throw DomainError.notFound('Offering');
    const en = input.titleEn === undefined ? row.title_en : input.titleEn;
    const fr = input.titleFr === undefined ? row.title_fr : input.titleFr;
    if (!en && !fr) throw DomainError.badInput('input.titleEn and input.titleFr cannot both be empty: an offering needs a title in at least one language.', 'input');
  }

  private async explainMissedUpdate(tx: RequestContext, id: string, version: number): Promise<never> {
    const current = await this.offerings.version(tx, id);
    if (current === undefined) throw DomainError.notFound('Offering');
    throw DomainError.conflict(`Someone changed this offering since you read version ${version}; reload it and try again.`, { currentVersion: current });
  }

  /** The audit event, in the unit of work. */
  private record(tx: RequestContext, action: string, id: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(tx, action, { type: 'Offering', id }, details);
  }
}

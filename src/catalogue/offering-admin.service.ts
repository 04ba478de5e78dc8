import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { OfferingStatus } from './catalogue.enums.js';
import type { CreateOfferingInput, UpdateOfferingInput } from './dto/offering.input.js';
import { Offering } from './offering.entity.js';
import { idsOfCodes } from './reference-codes.js';
import { AuditService } from '../audit/audit.service.js';

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
  leadTimeDays: 'lead_time_days',
  eprimeReference: 'eprime_reference',
  etocCode: 'etoc_code',
  releasability: 'releasability',
};

const LINKS = [
  { field: 'areaCodes', table: 'offering_area', column: 'area_id', target: 'cooperation_area' },
  { field: 'topicCodes', table: 'offering_topic', column: 'topic_id', target: 'topic' },
  { field: 'eligibleFrameworkCodes', table: 'offering_eligible_framework', column: 'framework_id', target: 'partnership_framework' },
  { field: 'eligiblePartnerCodes', table: 'offering_eligible_partner', column: 'partner_id', target: 'partner' },
] as const;

/** Which status each lifecycle action may start from. */
const TRANSITIONS: Record<'publish' | 'archive', OfferingStatus[]> = {
  publish: [OfferingStatus.DRAFT, OfferingStatus.ARCHIVED],
  archive: [OfferingStatus.DRAFT, OfferingStatus.PUBLISHED],
};

/** Administrators' catalogue edits: each mutation one transaction, with optimistic concurrency on updates. */
@Injectable()
export class OfferingAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(ctx: RequestContext, input: CreateOfferingInput): Promise<Offering> {
    if (!input.titleEn && !input.titleFr) throw DomainError.badInput('input.titleEn or input.titleFr is required: an offering needs a title in at least one language.', 'input');
    return this.dataSource.transaction(async (m) => {
      const [owningSectionId] = await idsOfCodes(m, 'section', [input.owningSectionCode], 'input.owningSectionCode');
      const [providerId] = input.providerSectionCode ? await idsOfCodes(m, 'section', [input.providerSectionCode], 'input.providerSectionCode') : [owningSectionId];
      const [row] = (await m.query(
        `INSERT INTO offering (code, kind, subtype, title_en, title_fr, summary_en, summary_fr, description_en, description_fr,
           owning_section_id, provider_section_id, delivery_mode, delivery_languages, prerequisites, cost_notes, lead_time_days,
           eprime_reference, etoc_code, releasability, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 'DRAFT')
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [
          input.code, input.kind, input.subtype ?? null, input.titleEn ?? null, input.titleFr ?? null, input.summaryEn ?? null,
          input.summaryFr ?? null, input.descriptionEn ?? null, input.descriptionFr ?? null, owningSectionId, providerId,
          input.deliveryMode, input.deliveryLanguages ?? [], input.prerequisites ?? null, input.costNotes ?? null, input.leadTimeDays,
          input.eprimeReference ?? null, input.etocCode ?? null, input.releasability,
        ],
      )) as { id: string }[];
      if (!row) throw DomainError.conflict(`An offering with code ${input.code} already exists; codes are unique and stable.`);
      await this.replaceLinks(m, row.id, input);
      await this.audit.record(ctx, 'offering.create', { type: 'Offering', id: row.id }, { code: input.code }, m);
      return m.findOneByOrFail(Offering, { id: row.id });
    });
  }

  update(ctx: RequestContext, input: UpdateOfferingInput): Promise<Offering> {
    return this.dataSource.transaction(async (m) => {
      if (input.titleEn === null || input.titleFr === null) await this.assertKeepsATitle(m, input);
      const sets: string[] = [];
      const params: unknown[] = [input.id, input.version];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      for (const [field, column] of Object.entries(COLUMNS) as [keyof UpdateOfferingInput, string][]) {
        if (input[field] !== undefined) set(column, input[field]);
      }
      if (input.owningSectionCode !== undefined) set('owning_section_id', (await idsOfCodes(m, 'section', [input.owningSectionCode], 'input.owningSectionCode'))[0]);
      if (input.providerSectionCode !== undefined) {
        set('provider_section_id', input.providerSectionCode ? (await idsOfCodes(m, 'section', [input.providerSectionCode], 'input.providerSectionCode'))[0] : null);
      }
      // The version check and the change are one statement, so two editors cannot both win.
      const updated = (await m.query(
        `UPDATE offering SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
         WHERE id = $1 AND version = $2 RETURNING id`,
        params,
      )) as [{ id: string }[], number];
      if (updated[0].length === 0) await this.explainMissedUpdate(m, input.id, input.version);
      await this.replaceLinks(m, input.id, input);
      await this.audit.record(ctx, 'offering.update', { type: 'Offering', id: input.id }, { fields: Object.keys(input).filter((k) => k !== 'id' && k !== 'version') }, m);
      return m.findOneByOrFail(Offering, { id: input.id });
    });
  }

  publish(ctx: RequestContext, id: string, version?: number | null): Promise<Offering> {
    return this.transition(ctx, id, version, 'publish', OfferingStatus.PUBLISHED);
  }

  archive(ctx: RequestContext, id: string, version?: number | null): Promise<Offering> {
    return this.transition(ctx, id, version, 'archive', OfferingStatus.ARCHIVED);
  }

  private async transition(ctx: RequestContext, id: string, version: number | null | undefined, action: 'publish' | 'archive', to: OfferingStatus): Promise<Offering> {
    // The id column is a uuid: anything else would fail in SQL instead of being refused.
    if (!isUUID(id)) throw DomainError.badInput(`id must be an offering id (a UUID); got ${JSON.stringify(id.slice(0, 60))}.`, 'id');
    return this.dataSource.transaction(async (m) => {
      const [current] = (await m.query('SELECT status, version FROM offering WHERE id = $1 FOR UPDATE', [id])) as { status: OfferingStatus; version: number }[];
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
      await m.query('UPDATE offering SET status = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, to]);
      await this.audit.record(ctx, `offering.${action}`, { type: 'Offering', id }, { from: current.status, to }, m);
      return m.findOneByOrFail(Offering, { id });
    });
  }

  /** Replaces each relation list the input carries; lists it omits are kept. */
  private async replaceLinks(m: EntityManager, offeringId: string, input: Partial<Record<(typeof LINKS)[number]['field'], string[]>>): Promise<void> {
    for (const link of LINKS) {
      const codes = input[link.field];
      if (codes === undefined || codes === null) continue;
      const ids = await idsOfCodes(m, link.target, codes, `input.${link.field}`);
      await m.query(`DELETE FROM ${link.table} WHERE offering_id = $1`, [offeringId]);
      if (ids.length) await m.query(`INSERT INTO ${link.table} (offering_id, ${link.column}) SELECT $1, unnest($2::uuid[])`, [offeringId, ids]);
    }
  }

  private async assertKeepsATitle(m: EntityManager, input: UpdateOfferingInput): Promise<void> {
    const [row] = (await m.query('SELECT title_en, title_fr FROM offering WHERE id = $1', [input.id])) as { title_en: string | null; title_fr: string | null }[];
    if (!row) throw DomainError.notFound('Offering');
    const en = input.titleEn === undefined ? row.title_en : input.titleEn;
    const fr = input.titleFr === undefined ? row.title_fr : input.titleFr;
    if (!en && !fr) throw DomainError.badInput('input.titleEn and input.titleFr cannot both be empty: an offering needs a title in at least one language.', 'input');
  }

  private async explainMissedUpdate(m: EntityManager, id: string, version: number): Promise<never> {
    const [row] = (await m.query('SELECT version FROM offering WHERE id = $1', [id])) as { version: number }[];
    if (!row) throw DomainError.notFound('Offering');
    throw DomainError.conflict(`Someone changed this offering since you read version ${version}; reload it and try again.`, { currentVersion: row.version });
  }
}

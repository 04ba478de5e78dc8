import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { PartnerInput } from './dto/partner.input.js';
import type { SectionInput } from './dto/section.input.js';
import { Partner } from './partner.entity.js';
import { Section } from './section.entity.js';
import { AuditService } from '../audit/audit.service.js';

/** Administrators' writes to partners and the section tree: each one transaction, keyed by code. */
@Injectable()
export class OrganisationAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  upsertPartner(ctx: RequestContext, input: PartnerInput): Promise<Partner> {
    return this.dataSource.transaction(async (m) => {
      const frameworks = (await m.query('SELECT id, code FROM partnership_framework WHERE code = ANY($1::text[])', [input.frameworkCodes])) as { id: string; code: string }[];
      const unknown = input.frameworkCodes.filter((c) => !frameworks.some((f) => f.code === c));
      if (unknown.length) throw DomainError.badInput(`Unknown framework code(s) in input.frameworkCodes: ${unknown.join(', ')}`, 'input');

      const [row] = (await m.query(
        `INSERT INTO partner (code, kind, name_en, name_fr, programme_flags, suspended) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr,
           programme_flags = EXCLUDED.programme_flags, suspended = EXCLUDED.suspended, updated_at = now()
         RETURNING id, (xmax = 0) AS created`,
        [input.code, input.kind, input.nameEn, input.nameFr, [...new Set(input.programmeFlags)], input.suspended],
      )) as { id: string; created: boolean }[];
      await m.query('DELETE FROM partner_framework WHERE partner_id = $1', [row.id]);
      await m.query('INSERT INTO partner_framework (partner_id, framework_id) SELECT $1, unnest($2::uuid[])', [row.id, frameworks.map((f) => f.id)]);

      await this.audit.record(ctx.withTransaction(m), row.created ? 'partner.create' : 'partner.update', { type: 'Partner', id: row.id }, { code: input.code, suspended: input.suspended });
      return m.findOneByOrFail(Partner, { id: row.id });
    });
  }

  upsertSection(ctx: RequestContext, input: SectionInput): Promise<Section> {
    return this.dataSource.transaction(async (m) => {
      const parentId = input.parentCode ? await this.parentId(m, input) : null;
      const [row] = (await m.query(
        `INSERT INTO section (code, name_en, name_fr, kind, parent_id, mailbox, time_zone, acknowledge_target_days, decide_target_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, kind = EXCLUDED.kind,
           parent_id = EXCLUDED.parent_id, mailbox = EXCLUDED.mailbox, time_zone = EXCLUDED.time_zone,
           acknowledge_target_days = EXCLUDED.acknowledge_target_days, decide_target_days = EXCLUDED.decide_target_days, updated_at = now()
         RETURNING id, (xmax = 0) AS created`,
        [input.code, input.nameEn, input.nameFr, input.kind, parentId, input.mailbox, input.timeZone, input.acknowledgeTargetDays, input.decideTargetDays],
      )) as { id: string; created: boolean }[];
      await this.audit.record(ctx.withTransaction(m), row.created ? 'section.create' : 'section.update', { type: 'Section', id: row.id }, { code: input.code, parentCode: input.parentCode ?? null });
      return m.findOneByOrFail(Section, { id: row.id });
    });
  }

  /** The parent must exist and must not be the section itself or one of its descendants (no cycles). */
  private async parentId(m: EntityManager, input: SectionInput): Promise<string> {
    const [parent] = (await m.query(
      `WITH RECURSIVE ancestors AS (
         SELECT id, code, parent_id FROM section WHERE code = $1
         UNION ALL SELECT s.id, s.code, s.parent_id FROM section s JOIN ancestors a ON s.id = a.parent_id
       )
       SELECT (SELECT id FROM section WHERE code = $1) AS id, EXISTS (SELECT 1 FROM ancestors WHERE code = $2) AS cycle`,
      [input.parentCode, input.code],
    )) as { id: string | null; cycle: boolean }[];
    if (!parent.id) throw DomainError.badInput(`Unknown section code in input.parentCode: ${input.parentCode}`, 'input');
    if (parent.cycle) throw DomainError.badInput(`input.parentCode ${input.parentCode} is ${input.code} itself or one of its descendants; a section cannot be its own ancestor.`, 'input');
    return parent.id;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { Sql } from '../common/database/sql.js';
import { CatalogueImport, type ImportRowError } from './catalogue-import.entity.js';

/** An offering as the import/export layout has it: codes instead of ids, lists as arrays. */
export interface FlatOfferingRow {
  id: string;
  version: number;
  code: string;
  etoc_code: string | null;
  eprime_reference: string | null;
  kind: string;
  subtype: string | null;
  title_en: string | null;
  title_fr: string | null;
  summary_en: string | null;
  summary_fr: string | null;
  description_en: string | null;
  description_fr: string | null;
  areas: string[];
  topics: string[];
  owning_section: string;
  provider: string | null;
  delivery_mode: string;
  delivery_languages: string[];
  eligible_frameworks: string[];
  eligible_partners: string[];
  lead_time_days: number;
  releasability: string;
  status: string;
  prerequisites: string | null;
  cost_notes: string | null;
  prerequisites_fr: string | null;
  cost_notes_fr: string | null;
  required_programme_flags: string[];
  releasable_frameworks: string[];
  releasable_partners: string[];
}

export interface FlatIterationRow {
  id: string;
  offering_id: string;
  code: string;
  start_date: string;
  end_date: string;
  location: string;
  location_fr: string | null;
  capacity: number | null;
  application_deadline: string | null;
  partner_quota: number | null;
  status: string;
}

const codes = (table: string, link: string, column: string) =>
  `coalesce((SELECT array_agg(x.code ORDER BY x.code) FROM ${link} l JOIN ${table} x ON x.id = l.${column} WHERE l.offering_id = o.id), '{}') `;

const FLAT_OFFERING = `SELECT o.id, o.version, o.code, o.etoc_code, o.eprime_reference, o.kind, o.subtype, o.title_en, o.title_fr, o.summary_en, o.summary_fr,
       o.description_en, o.description_fr,
       ${codes('cooperation_area', 'offering_area', 'area_id')} AS areas,
       ${codes('topic', 'offering_topic', 'topic_id')} AS topics,
       os.code AS owning_section, ps.code AS provider, o.delivery_mode, o.delivery_languages,
       ${codes('partnership_framework', 'offering_eligible_framework', 'framework_id')} AS eligible_frameworks,
       ${codes('partner', 'offering_eligible_partner', 'partner_id')} AS eligible_partners,
       o.lead_time_days, o.releasability, o.status, o.prerequisites, o.cost_notes, o.prerequisites_fr, o.cost_notes_fr,
       o.required_programme_flags,
       ${codes('partnership_framework', 'offering_releasable_framework', 'framework_id')} AS releasable_frameworks,
       ${codes('partner', 'offering_releasable_partner', 'partner_id')} AS releasable_partners
  FROM offering o JOIN section os ON os.id = o.owning_section_id LEFT JOIN section ps ON ps.id = o.provider_section_id`;

const FLAT_ITERATION = `SELECT i.id, i.offering_id, o.code, i.start_date::text AS start_date, i.end_date::text AS end_date, i.location, i.location_fr, i.capacity,
       i.application_deadline::text AS application_deadline, i.partner_quota, i.status
  FROM offering_iteration i JOIN offering o ON o.id = i.offering_id`;

/**
 * The catalogue's import and export (issue #16 item 3): offerings flattened to codes (areas, topics, sections,
 * frameworks, partners — read-only joins to the reference and organisation rows by code, as OfferingRepository's
 * idsByCode reads them), keyset pages by code for the streamed export, and the import jobs' own table. Writes to
 * offerings go through OfferingAdminService and OfferingIterationAdminService, never here.
 */
@Injectable()
export class CatalogueTransferRepository {
  private readonly imports: RowMapper<CatalogueImport>;

  constructor(
    private readonly sql: Sql,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.imports = RowMapper.of(dataSource.getMetadata(CatalogueImport));
  }

  /** Offerings after `afterCode`, by code. */
  offeringPage(ctx: RequestContext, afterCode: string | null, limit: number): Promise<FlatOfferingRow[]> {
    return this.sql.rows<FlatOfferingRow>(ctx, `${FLAT_OFFERING} WHERE (:afterCode::text IS NULL OR o.code > :afterCode::text) ORDER BY o.code LIMIT :limit`, { afterCode, limit });
  }

  offeringsByCode(ctx: RequestContext, codeList: readonly string[]): Promise<FlatOfferingRow[]> {
    return this.sql.rows<FlatOfferingRow>(ctx, `${FLAT_OFFERING} WHERE o.code = ANY(:codes::text[])`, { codes: [...codeList] });
  }

  iterationsOf(ctx: RequestContext, offeringIds: readonly string[]): Promise<FlatIterationRow[]> {
    return this.sql.rows<FlatIterationRow>(ctx, `${FLAT_ITERATION} WHERE i.offering_id = ANY(:ids::uuid[]) ORDER BY o.code, i.start_date, i.id`, { ids: [...offeringIds] });
  }

  /** Which of these codes exist in a reference table. */
  async knownCodes(ctx: RequestContext, table: 'section' | 'cooperation_area' | 'topic' | 'partnership_framework' | 'partner' | 'programme_flag', codeList: readonly string[]): Promise<Set<string>> {
    if (codeList.length === 0) return new Set();
    const rows = await this.sql.rows<{ code: string }>(ctx, `SELECT code FROM ${table} WHERE code = ANY(:codes::text[])`, { codes: [...codeList] });
    return new Set(rows.map((r) => r.code));
  }

  // Import jobs

  /** The import row and its file, in the caller's unit of work. */
  async insertImport(ctx: RequestContext, row: { file_name: string; format: string; rows_total: number; created_by: string | null }, content: Buffer): Promise<CatalogueImport> {
    const created = await this.sql.one<Record<string, unknown>>(
      ctx,
      `INSERT INTO catalogue_import AS ci (file_name, format, rows_total, created_by) VALUES (:file_name, :format, :rows_total, :created_by)
       RETURNING ${this.imports.select('ci')}`,
      { ...row },
    );
    const entity = this.imports.map(created!, 'ci_')!;
    await this.sql.execute(ctx, 'INSERT INTO catalogue_import_file (import_id, content) VALUES (:id, :content)', { id: entity.id, content });
    return entity;
  }

  async findImport(ctx: RequestContext, id: string): Promise<CatalogueImport | undefined> {
    const row = await this.sql.one<Record<string, unknown>>(ctx, `SELECT ${this.imports.select('ci')} FROM catalogue_import ci WHERE ci.id = :id`, { id });
    return row && this.imports.map(row, 'ci_');
  }

  async recentImports(ctx: RequestContext, limit: number): Promise<CatalogueImport[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(ctx, `SELECT ${this.imports.select('ci')} FROM catalogue_import ci ORDER BY ci.created_at DESC, ci.id LIMIT :limit`, { limit });
    return rows.map((row) => this.imports.map(row, 'ci_')!);
  }

  /** Claims a queued import for this job (QUEUED → RUNNING); undefined when another delivery already has it. */
  async claimImport(ctx: RequestContext, id: string): Promise<{ content: Buffer; format: string; created_by: string | null } | undefined> {
    return this.sql.one(
      ctx,
      `UPDATE catalogue_import ci SET status = 'RUNNING' FROM catalogue_import_file f
        WHERE ci.id = :id AND ci.status = 'QUEUED' AND f.import_id = ci.id RETURNING f.content, ci.format, ci.created_by`,
      { id },
    );
  }

  async progress(ctx: RequestContext, id: string, p: { rows_done: number; created_count: number; updated_count: number; unchanged_count: number; errors: ImportRowError[] }): Promise<void> {
    await this.sql.execute(
      ctx,
      `UPDATE catalogue_import SET rows_done = :rows_done, created_count = :created_count, updated_count = :updated_count, unchanged_count = :unchanged_count, errors = :errors::jsonb WHERE id = :id`,
      { id, ...p, errors: JSON.stringify(p.errors) },
    );
  }

  async finishImport(ctx: RequestContext, id: string, status: 'DONE' | 'FAILED'): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE catalogue_import SET status = :status, finished_at = now() WHERE id = :id', { id, status });
    await this.sql.execute(ctx, 'DELETE FROM catalogue_import_file WHERE import_id = :id', { id });
  }
}

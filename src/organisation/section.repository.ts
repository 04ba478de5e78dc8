import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql, type StatementOptions } from '../common/database/sql.js';
import type { SectionKind } from './organisation.enums.js';
import { Section } from './section.entity.js';

/** Loader batches by ids, repeated by every request that shows them: prepared once per connection. */
const PREPARED: StatementOptions = { prepare: true };

/** A section as its row: the entity's columns under their property names. */
export type SectionRow = Omit<Section, 'name'>;

/** The columns to write when a section is created or updated (by code). */
export interface SectionWrite {
  code: string;
  nameEn: string;
  nameFr: string;
  kind: SectionKind;
  parentId: string | null;
  mailbox: string;
  timeZone: string;
  acknowledgeTargetDays: number;
  decideTargetDays: number;
}

const COLUMNS = `s.id, s.code, s.name_en AS "nameEn", s.name_fr AS "nameFr", s.kind, s.parent_id AS "parentId", s.mailbox,
  s.time_zone AS "timeZone", s.acknowledge_target_days AS "acknowledgeTargetDays", s.decide_target_days AS "decideTargetDays",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

function toSection(row: SectionRow): Section {
  return Object.assign(new Section(), row);
}

/** A section's service targets, with the database's now() to count them from (the clock of the caller's transaction). */
export interface SectionServiceTargets {
  id: string;
  timeZone: string;
  acknowledgeTargetDays: number;
  decideTargetDays: number;
  now: Date;
}

/** Every statement on the section table (the NATO organisation tree). */
@Injectable()
export class SectionRepository {
  constructor(private readonly sql: Sql) {}

  async list(ctx: RequestContext): Promise<Section[]> {
    return (await this.sql.rows<SectionRow>(ctx, `SELECT ${COLUMNS} FROM section s ORDER BY s.code`)).map(toSection);
  }

  async byCode(ctx: RequestContext, code: string): Promise<Section | null> {
    const row = await this.sql.one<SectionRow>(ctx, `SELECT ${COLUMNS} FROM section s WHERE s.code = :code`, { code });
    return row ? toSection(row) : null;
  }

  /** The sections of these codes that exist, in any order. */
  async byCodes(ctx: RequestContext, codes: readonly string[]): Promise<Section[]> {
    if (codes.length === 0) return [];
    return (await this.sql.rows<SectionRow>(ctx, `SELECT ${COLUMNS} FROM section s WHERE s.code = ANY(:codes::text[])`, { codes })).map(toSection);
  }

  /** The sections of these ids that exist, in any order (a DataLoader batch on hot read paths: one indexed read). */
  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<Section[]> {
    if (ids.length === 0) return [];
    return (await this.sql.rows<SectionRow>(ctx, `SELECT ${COLUMNS} FROM section s WHERE s.id = ANY(:ids::uuid[])`, { ids }, PREPARED)).map(toSection);
  }

  /** The section's service targets and the database's now(), in one statement (a submission starts its clocks from them). */
  serviceTargets(ctx: RequestContext, id: string): Promise<SectionServiceTargets | undefined> {
    return this.sql.one<SectionServiceTargets>(
      ctx,
      `SELECT s.id, s.time_zone AS "timeZone", s.acknowledge_target_days AS "acknowledgeTargetDays", s.decide_target_days AS "decideTargetDays", now() AS now
         FROM section s WHERE s.id = :id`,
      { id },
    );
  }

  /** The children of these sections, by code. */
  async childrenOf(ctx: RequestContext, parentIds: readonly string[]): Promise<Section[]> {
    const rows = await this.sql.rows<SectionRow>(ctx, `SELECT ${COLUMNS} FROM section s WHERE s.parent_id = ANY(:parentIds::uuid[]) ORDER BY s.code`, { parentIds }, PREPARED);
    return rows.map(toSection);
  }

  /**
   * Where `code` may hang under `parentCode`: the parent's id (null when there is no such section) and whether
   * the parent is `code` itself or one of its descendants (a cycle).
   */
  async placement(ctx: RequestContext, parentCode: string, code: string): Promise<{ parentId: string | null; cycle: boolean }> {
    const row = await this.sql.one<{ parentId: string | null; cycle: boolean }>(
      ctx,
      `WITH RECURSIVE ancestors AS (
         SELECT id, code, parent_id FROM section WHERE code = :parentCode
         UNION ALL SELECT s.id, s.code, s.parent_id FROM section s JOIN ancestors a ON s.id = a.parent_id
       )
       SELECT (SELECT id FROM section WHERE code = :parentCode) AS "parentId", EXISTS (SELECT 1 FROM ancestors WHERE code = :code) AS cycle`,
      { parentCode, code },
    );
    return row!;
  }

  /** Creates the section of this code, or updates it; says which. */
  async upsert(ctx: RequestContext, section: SectionWrite): Promise<{ id: string; created: boolean }> {
    const row = await this.sql.one<{ id: string; created: boolean }>(
      ctx,
      `INSERT INTO section (code, name_en, name_fr, kind, parent_id, mailbox, time_zone, acknowledge_target_days, decide_target_days)
       VALUES (:code, :nameEn, :nameFr, :kind, :parentId, :mailbox, :timeZone, :acknowledgeTargetDays, :decideTargetDays)
       ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, kind = EXCLUDED.kind,
         parent_id = EXCLUDED.parent_id, mailbox = EXCLUDED.mailbox, time_zone = EXCLUDED.time_zone,
         acknowledge_target_days = EXCLUDED.acknowledge_target_days, decide_target_days = EXCLUDED.decide_target_days, updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      { ...section },
    );
    return row!;
  }
}

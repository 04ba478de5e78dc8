import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql, type StatementOptions } from '../common/database/sql.js';
import type { PartnerKind } from './organisation.enums.js';
import { Partner } from './partner.entity.js';
import { PartnershipFramework } from './partnership-framework.entity.js';
import { ProgrammeFlag } from './programme-flag.type.js';

/** Loader batches by ids, repeated by every request that shows them: prepared once per connection. */
const PREPARED: StatementOptions = { prepare: true };

/** A partner as its row: the entity's columns under their property names. */
export type PartnerRow = Omit<Partner, 'name'>;
export type FrameworkRow = Omit<PartnershipFramework, 'name'>;

/** Conditions of the partner list; each one given must hold. */
export interface PartnerConditions {
  frameworkCodes?: readonly string[];
  programmeFlags?: readonly string[];
  kinds?: readonly PartnerKind[];
  suspended?: boolean;
}

/** The columns to write when a partner is created or updated (by code). */
export interface PartnerWrite {
  code: string;
  kind: PartnerKind;
  nameEn: string;
  nameFr: string;
  programmeFlags: string[];
  suspended: boolean;
}

const PARTNER = `p.id, p.code, p.kind, p.name_en AS "nameEn", p.name_fr AS "nameFr", p.programme_flags AS "programmeFlags",
  p.suspended, p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;
const FRAMEWORK = `f.id, f.code, f.name_en AS "nameEn", f.name_fr AS "nameFr", f.created_at AS "createdAt", f.updated_at AS "updatedAt"`;

const toPartner = (row: PartnerRow): Partner => Object.assign(new Partner(), row);
const toFramework = (row: FrameworkRow): PartnershipFramework => Object.assign(new PartnershipFramework(), row);

/** Every statement on partners, partnership frameworks and the partners' framework memberships. */
@Injectable()
export class PartnerRepository {
  constructor(private readonly sql: Sql) {}

  /** Partners by code (reference data: a small list, no paging). */
  async list(ctx: RequestContext, where: PartnerConditions): Promise<Partner[]> {
    const conditions: string[] = [];
    const params: Record<string, unknown> = {};
    if (where.frameworkCodes?.length) {
      conditions.push(`EXISTS (SELECT 1 FROM partner_framework pf JOIN partnership_framework f ON f.id = pf.framework_id
                               WHERE pf.partner_id = p.id AND f.code = ANY(:frameworkCodes::text[]))`);
      params.frameworkCodes = where.frameworkCodes;
    }
    if (where.programmeFlags?.length) {
      conditions.push('p.programme_flags && :flags::text[]');
      params.flags = where.programmeFlags;
    }
    if (where.kinds?.length) {
      conditions.push('p.kind = ANY(:kinds::text[])');
      params.kinds = where.kinds;
    }
    if (where.suspended !== undefined) {
      conditions.push('p.suspended = :suspended');
      params.suspended = where.suspended;
    }
    const filter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return (await this.sql.rows<PartnerRow>(ctx, `SELECT ${PARTNER} FROM partner p ${filter} ORDER BY p.code`, params)).map(toPartner);
  }

  async byCode(ctx: RequestContext, code: string): Promise<Partner | null> {
    const row = await this.sql.one<PartnerRow>(ctx, `SELECT ${PARTNER} FROM partner p WHERE p.code = :code`, { code });
    return row ? toPartner(row) : null;
  }

  async byId(ctx: RequestContext, id: string): Promise<Partner | null> {
    const row = await this.sql.one<PartnerRow>(ctx, `SELECT ${PARTNER} FROM partner p WHERE p.id = :id`, { id });
    return row ? toPartner(row) : null;
  }

  /** The partners of these codes that exist, in any order. */
  async byCodes(ctx: RequestContext, codes: readonly string[]): Promise<Partner[]> {
    if (codes.length === 0) return [];
    return (await this.sql.rows<PartnerRow>(ctx, `SELECT ${PARTNER} FROM partner p WHERE p.code = ANY(:codes::text[])`, { codes })).map(toPartner);
  }

  /** The partners of these ids that exist, in any order (a DataLoader batch: one indexed read). */
  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<Partner[]> {
    if (ids.length === 0) return [];
    return (await this.sql.rows<PartnerRow>(ctx, `SELECT ${PARTNER} FROM partner p WHERE p.id = ANY(:ids::uuid[])`, { ids }, PREPARED)).map(toPartner);
  }

  /** Creates the partner of this code, or updates it; says which. */
  async upsert(ctx: RequestContext, partner: PartnerWrite): Promise<{ id: string; created: boolean }> {
    const row = await this.sql.one<{ id: string; created: boolean }>(
      ctx,
      `INSERT INTO partner (code, kind, name_en, name_fr, programme_flags, suspended)
       VALUES (:code, :kind, :nameEn, :nameFr, :programmeFlags::text[], :suspended)
       ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr,
         programme_flags = EXCLUDED.programme_flags, suspended = EXCLUDED.suspended, updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      { ...partner },
    );
    return row!;
  }

  /** The partner belongs to exactly these frameworks. */
  async replaceFrameworks(ctx: RequestContext, partnerId: string, frameworkIds: readonly string[]): Promise<void> {
    await this.sql.execute(ctx, 'DELETE FROM partner_framework WHERE partner_id = :partnerId', { partnerId });
    await this.sql.execute(ctx, 'INSERT INTO partner_framework (partner_id, framework_id) SELECT :partnerId, unnest(:frameworkIds::uuid[])', { partnerId, frameworkIds });
  }

  /** Creates the framework of this code, or renames it; says which. */
  async upsertFramework(ctx: RequestContext, framework: { code: string; nameEn: string; nameFr: string }): Promise<{ id: string; created: boolean }> {
    const row = await this.sql.one<{ id: string; created: boolean }>(
      ctx,
      `INSERT INTO partnership_framework (code, name_en, name_fr) VALUES (:code, :nameEn, :nameFr)
       ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      { ...framework },
    );
    return row!;
  }

  /** The controlled list of programme flags, in display order. */
  async programmeFlags(ctx: RequestContext): Promise<ProgrammeFlag[]> {
    const rows = await this.sql.rows<ProgrammeFlag>(ctx, 'SELECT code, name_en AS "nameEn", name_fr AS "nameFr", position FROM programme_flag ORDER BY position, code');
    return rows.map((row) => Object.assign(new ProgrammeFlag(), row));
  }

  async listFrameworks(ctx: RequestContext): Promise<PartnershipFramework[]> {
    return (await this.sql.rows<FrameworkRow>(ctx, `SELECT ${FRAMEWORK} FROM partnership_framework f ORDER BY f.code`)).map(toFramework);
  }

  /** The frameworks of these codes that exist, in any order. */
  async frameworksByCodes(ctx: RequestContext, codes: readonly string[]): Promise<PartnershipFramework[]> {
    if (codes.length === 0) return [];
    return (await this.sql.rows<FrameworkRow>(ctx, `SELECT ${FRAMEWORK} FROM partnership_framework f WHERE f.code = ANY(:codes::text[])`, { codes })).map(toFramework);
  }

  /** The frameworks of these ids that exist, in any order (a DataLoader batch: one indexed read). */
  async frameworksByIds(ctx: RequestContext, ids: readonly string[]): Promise<PartnershipFramework[]> {
    if (ids.length === 0) return [];
    return (await this.sql.rows<FrameworkRow>(ctx, `SELECT ${FRAMEWORK} FROM partnership_framework f WHERE f.id = ANY(:ids::uuid[])`, { ids }, PREPARED)).map(toFramework);
  }

  /** The frameworks of each partner, by code, in the order of `partnerIds` (a DataLoader batch: one query). */
  async frameworksOfPartners(ctx: RequestContext, partnerIds: readonly string[]): Promise<PartnershipFramework[][]> {
    const rows = await this.sql.rows<FrameworkRow & { partnerId: string }>(
      ctx,
      `SELECT ${FRAMEWORK}, pf.partner_id AS "partnerId"
         FROM partnership_framework f JOIN partner_framework pf ON pf.framework_id = f.id
        WHERE pf.partner_id = ANY(:partnerIds::uuid[]) ORDER BY f.code`,
      { partnerIds },
    );
    const groups = new Map<string, PartnershipFramework[]>();
    for (const { partnerId, ...row } of rows) {
      const list = groups.get(partnerId);
      if (list) list.push(toFramework(row));
      else groups.set(partnerId, [toFramework(row)]);
    }
    return partnerIds.map((id) => groups.get(id) ?? []);
  }
}

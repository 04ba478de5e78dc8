import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { Sql } from '../common/database/sql.js';
import { Partner } from '../organisation/partner.entity.js';
import { PartnershipFramework } from '../organisation/partnership-framework.entity.js';
import type { RequestPerson } from './dto/request.types.js';

export interface PartnerFacts {
  id: string;
  code: string;
  name_en: string;
  suspended: boolean;
}

/** A section's service targets, with the database's now() to count them from. */
export interface SectionTargets {
  id: string;
  time_zone: string;
  acknowledge_target_days: number;
  decide_target_days: number;
  now: Date;
}

/**
 * Every read requests make of the organisation's and identity's rows (partner, partner_framework, section,
 * partnership_framework, app_user and its memberships), in one place and read-only. It stands in for the
 * partner, section and user lookups OrganisationModule and IdentityModule export after issue #12 (their side):
 * at that merge each method here becomes a call to those services, or the loader they export. Nothing else in
 * requests names those tables except the hot list's documented joins (RequestReadRepository).
 */
@Injectable()
export class OrganisationFacts {
  private readonly partners: RowMapper<Partner>;
  private readonly frameworks: RowMapper<PartnershipFramework>;

  constructor(
    private readonly sql: Sql,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.partners = RowMapper.of(dataSource.getMetadata(Partner));
    this.frameworks = RowMapper.of(dataSource.getMetadata(PartnershipFramework));
  }

  partner(ctx: RequestContext, id: string): Promise<PartnerFacts | undefined> {
    return this.sql.one<PartnerFacts>(ctx, 'SELECT id, code, name_en, suspended FROM partner WHERE id = :id', { id });
  }

  /** The partner's frameworks and the default intake section's id (null when the code names none): the organisation's side of a routing decision. */
  async routing(ctx: RequestContext, partnerId: string, defaultSectionCode: string): Promise<{ frameworkIds: string[]; defaultSectionId: string | null }> {
    const row = await this.sql.one<{ framework_ids: string[]; default_section_id: string | null }>(
      ctx,
      `SELECT ARRAY(SELECT pf.framework_id::text FROM partner_framework pf WHERE pf.partner_id = :partnerId) AS framework_ids,
              (SELECT s.id FROM section s WHERE s.code = :defaultSectionCode) AS default_section_id`,
      { partnerId, defaultSectionCode },
    );
    return { frameworkIds: row!.framework_ids, defaultSectionId: row!.default_section_id };
  }

  sectionTargets(ctx: RequestContext, id: string): Promise<SectionTargets | undefined> {
    return this.sql.one<SectionTargets>(ctx, 'SELECT id, time_zone, acknowledge_target_days, decide_target_days, now() AS now FROM section WHERE id = :id', { id });
  }

  sectionTargetsByCode(ctx: RequestContext, code: string): Promise<SectionTargets | undefined> {
    return this.sql.one<SectionTargets>(ctx, 'SELECT id, time_zone, acknowledge_target_days, decide_target_days, now() AS now FROM section WHERE code = :code', { code });
  }

  /** An active staff member of the section, or an active coordinator covering the partner. */
  async isAssignable(ctx: RequestContext, userId: string, sectionId: string | null, partnerId: string): Promise<boolean> {
    const row = await this.sql.one(
      ctx,
      `SELECT 1 AS ok FROM app_user u WHERE u.id = :userId AND u.active AND (
         (u.role = 'SECTION_STAFF' AND EXISTS (SELECT 1 FROM user_section us WHERE us.user_id = u.id AND us.section_id = :sectionId::uuid))
         OR (u.role = 'COORDINATOR' AND EXISTS (SELECT 1 FROM user_covered_partner uc WHERE uc.user_id = u.id AND uc.partner_id = :partnerId::uuid)))`,
      { userId, sectionId, partnerId },
    );
    return row !== undefined;
  }

  /** Ids of a section, partner and framework by code, in one statement; null for each code that names none (or was not given). */
  async idsOfCodes(ctx: RequestContext, codes: { sectionCode: string; partnerCode: string | null; frameworkCode: string | null }) {
    const row = await this.sql.one<{ section_id: string | null; partner_id: string | null; framework_id: string | null }>(
      ctx,
      `SELECT (SELECT id FROM section WHERE code = :sectionCode) AS section_id,
              (SELECT id FROM partner WHERE code = :partnerCode::text) AS partner_id,
              (SELECT id FROM partnership_framework WHERE code = :frameworkCode::text) AS framework_id`,
      codes,
    );
    return { sectionId: row!.section_id, partnerId: row!.partner_id, frameworkId: row!.framework_id };
  }

  async partnersByIds(ctx: RequestContext, ids: readonly string[]): Promise<Partner[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(ctx, `SELECT ${this.partners.select('p')} FROM partner p WHERE p.id = ANY(:ids::uuid[])`, { ids: [...ids] });
    return rows.map((row) => this.partners.map(row, 'p_')!);
  }

  async frameworksByIds(ctx: RequestContext, ids: readonly string[]): Promise<PartnershipFramework[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(ctx, `SELECT ${this.frameworks.select('f')} FROM partnership_framework f WHERE f.id = ANY(:ids::uuid[])`, {
      ids: [...ids],
    });
    return rows.map((row) => this.frameworks.map(row, 'f_')!);
  }

  /** Display names of users (submitters, assignees, authors, actors). */
  peopleByIds(ctx: RequestContext, ids: readonly string[]): Promise<RequestPerson[]> {
    return this.sql.rows<RequestPerson>(ctx, 'SELECT id, display_name AS "displayName" FROM app_user WHERE id = ANY(:ids::uuid[])', { ids: [...ids] });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { Sql } from '../common/database/sql.js';
import type { OfferingStatus } from './catalogue.enums.js';
import { OfferingIteration } from './offering-iteration.entity.js';
import { ELIGIBLE_SQL } from './offering-query.js';
import { Offering } from './offering.entity.js';
import { RELEASED_TO_PARTNER_SQL } from './offering-visibility.js';

/** The tables whose rows the catalogue's inputs name by code. */
export type ReferenceTable = 'cooperation_area' | 'topic' | 'section' | 'partner' | 'partnership_framework';

/** The relation lists of an offering, each a join table to a reference table. */
export const OFFERING_LINKS = [
  { field: 'areaCodes', table: 'offering_area', column: 'area_id', target: 'cooperation_area' },
  { field: 'topicCodes', table: 'offering_topic', column: 'topic_id', target: 'topic' },
  { field: 'eligibleFrameworkCodes', table: 'offering_eligible_framework', column: 'framework_id', target: 'partnership_framework' },
  { field: 'eligiblePartnerCodes', table: 'offering_eligible_partner', column: 'partner_id', target: 'partner' },
  { field: 'releasableFrameworkCodes', table: 'offering_releasable_framework', column: 'framework_id', target: 'partnership_framework' },
  { field: 'releasablePartnerCodes', table: 'offering_releasable_partner', column: 'partner_id', target: 'partner' },
] as const;
export type OfferingLink = (typeof OFFERING_LINKS)[number];

/** The columns of a new offering (status DRAFT). */
export interface NewOfferingRow {
  code: string;
  kind: string;
  subtype: string | null;
  title_en: string | null;
  title_fr: string | null;
  summary_en: string | null;
  summary_fr: string | null;
  description_en: string | null;
  description_fr: string | null;
  owning_section_id: string;
  provider_section_id: string | null;
  delivery_mode: string;
  delivery_languages: string[];
  prerequisites: string | null;
  prerequisites_fr: string | null;
  cost_notes: string | null;
  cost_notes_fr: string | null;
  required_programme_flags: string[];
  lead_time_days: number;
  eprime_reference: string | null;
  etoc_code: string | null;
  releasability: string;
}

/** The columns of an iteration an administrator sets. */
export interface IterationRow {
  start_date: string;
  end_date: string;
  location: string;
  location_fr: string | null;
  capacity: number | null;
  application_deadline: string | null;
  partner_quota: number | null;
  status: string;
}

/** What a request needs to know of the offering it asks for. */
export interface IntakeOfferingRow {
  id: string;
  /** Whether the asking partner may request it (ELIGIBLE_SQL), read with the offering: one statement. */
  eligible: boolean;
  /** Whether its releasability marking releases it to the asking partner (RELEASED_TO_PARTNER_SQL). */
  released: boolean;
  code: string;
  kind: string;
  status: OfferingStatus;
  lead_time_days: number;
  today: string;
  earliest_start: string;
}

export interface IntakeIterationRow {
  id: string;
  offering_id: string;
  start_date: string;
  location: string;
  capacity: number | null;
  deadline: string | null;
  status: string;
}

export interface SeatsRow {
  capacity: number | null;
  seats_allocated: number;
}

/** The offering's side of a routing decision. */
export interface OfferingRoutingRow {
  kind: string;
  owning_section_id: string;
  area_ids: string[];
  topic_ids: string[];
}

/**
 * Every write of the offering aggregate (offering, its iterations, its area, topic and eligibility links) and
 * the reads those writes and the catalogue's exported checks need; plain SQL through `Sql` with named
 * parameters. The hot reads (search, detail, loaders) are in OfferingReadRepository.
 *
 * Codes of sections, partners and frameworks (organisation's reference data) are resolved here with one
 * `SELECT id, code` each, and eligibility reads partner and partner_framework (ELIGIBLE_SQL, shared with the
 * catalogue filter): read-only joins to the organisation's rows, never a write.
 */
@Injectable()
export class OfferingRepository {
  private readonly offerings: RowMapper<Offering>;
  private readonly iterations: RowMapper<OfferingIteration>;

  constructor(
    private readonly sql: Sql,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.offerings = RowMapper.of(dataSource.getMetadata(Offering));
    this.iterations = RowMapper.of(dataSource.getMetadata(OfferingIteration));
  }

  async findById(ctx: RequestContext, id: string): Promise<Offering | undefined> {
    const row = await this.sql.one<Record<string, unknown>>(ctx, `SELECT ${this.offerings.select('o')} FROM offering o WHERE o.id = :id`, { id });
    return row && this.offerings.map(row, 'o_');
  }

  /** `code → id` of the rows with these codes (unknown codes are left out). */
  async idsByCode(ctx: RequestContext, table: ReferenceTable, codes: string[]): Promise<Map<string, string>> {
    const rows = await this.sql.rows<{ id: string; code: string }>(ctx, `SELECT id, code FROM ${table} WHERE code = ANY(:codes::text[])`, { codes });
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** Inserts a DRAFT offering; undefined when the code is taken. */
  async insert(ctx: RequestContext, row: NewOfferingRow): Promise<string | undefined> {
    const inserted = await this.sql.one<{ id: string }>(
      ctx,
      `INSERT INTO offering (code, kind, subtype, title_en, title_fr, summary_en, summary_fr, description_en, description_fr,
         owning_section_id, provider_section_id, delivery_mode, delivery_languages, prerequisites, prerequisites_fr, cost_notes, cost_notes_fr,
         required_programme_flags, lead_time_days, eprime_reference, etoc_code, releasability, status)
       VALUES (:code, :kind, :subtype, :title_en, :title_fr, :summary_en, :summary_fr, :description_en, :description_fr,
         :owning_section_id, :provider_section_id, :delivery_mode, :delivery_languages, :prerequisites, :prerequisites_fr, :cost_notes, :cost_notes_fr,
         :required_programme_flags, :lead_time_days, :eprime_reference, :etoc_code, :releasability, 'DRAFT')
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      { ...row },
    );
    return inserted?.id;
  }

  /**
   * Sets `changes` (column → value; the columns come from the service's fixed list) when the version still
   * matches: the check and the change are one statement, so two editors cannot both win. False otherwise.
   */
  async update(ctx: RequestContext, id: string, version: number, changes: Readonly<Record<string, unknown>>): Promise<boolean> {
    const sets = Object.keys(changes).map((column) => `${column} = :${column}`);
    const touched = await this.sql.execute(
      ctx,
      `UPDATE offering SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = :id AND version = :version`,
      { ...changes, id, version },
    );
    return touched === 1;
  }

  async titles(ctx: RequestContext, id: string): Promise<{ title_en: string | null; title_fr: string | null } | undefined> {
    return this.sql.one(ctx, 'SELECT title_en, title_fr FROM offering WHERE id = :id', { id });
  }

  async version(ctx: RequestContext, id: string): Promise<number | undefined> {
    return (await this.sql.one<{ version: number }>(ctx, 'SELECT version FROM offering WHERE id = :id', { id }))?.version;
  }

  /** The offering's status and version, its row locked for the rest of the unit of work. */
  async lockStatus(ctx: RequestContext, id: string): Promise<{ status: OfferingStatus; version: number } | undefined> {
    return this.sql.one(ctx, 'SELECT status, version FROM offering WHERE id = :id FOR UPDATE', { id });
  }

  async setStatus(ctx: RequestContext, id: string, status: OfferingStatus): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE offering SET status = :status, version = version + 1, updated_at = now() WHERE id = :id', { id, status });
  }

  /** Replaces one relation list of the offering. */
  async replaceLinks(ctx: RequestContext, offeringId: string, link: OfferingLink, targetIds: string[]): Promise<void> {
    await this.sql.execute(ctx, `DELETE FROM ${link.table} WHERE offering_id = :offeringId`, { offeringId });
    if (targetIds.length) {
      await this.sql.execute(ctx, `INSERT INTO ${link.table} (offering_id, ${link.column}) SELECT :offeringId, unnest(:targetIds::uuid[])`, { offeringId, targetIds });
    }
  }

  /**
   * The offering's code and status for an iteration edit, its row share-locked for the rest of the unit of work:
   * publishing (which locks it FOR UPDATE and reads every iteration) then waits, so an iteration cannot lose its
   * French location on a draft while that draft is being published.
   */
  async shareLockForIteration(ctx: RequestContext, id: string): Promise<{ code: string; status: OfferingStatus } | undefined> {
    return this.sql.one(ctx, 'SELECT code, status FROM offering WHERE id = :id FOR SHARE', { id });
  }

  async exists(ctx: RequestContext, id: string): Promise<boolean> {
    return (await this.sql.one(ctx, 'SELECT 1 AS found FROM offering WHERE id = :id', { id })) !== undefined;
  }

  /** The scope of a releasability marking (releasability_marking), or undefined when there is no such marking. */
  async markingScope(ctx: RequestContext, code: string): Promise<string | undefined> {
    return (await this.sql.one<{ scope: string }>(ctx, 'SELECT scope FROM releasability_marking WHERE code = :code', { code }))?.scope;
  }

  async markingCodes(ctx: RequestContext): Promise<string[]> {
    return (await this.sql.rows<{ code: string }>(ctx, 'SELECT code FROM releasability_marking ORDER BY position, code')).map((r) => r.code);
  }

  /** The offering's marking, its scope and how many partners and frameworks it is released to. */
  async releasabilityState(ctx: RequestContext, id: string): Promise<{ code: string; scope: string; listed: number } | undefined> {
    return this.sql.one(
      ctx,
      `SELECT o.releasability AS code, m.scope,
              (SELECT count(*) FROM offering_releasable_partner WHERE offering_id = o.id)::int
              + (SELECT count(*) FROM offering_releasable_framework WHERE offering_id = o.id)::int AS listed
         FROM offering o JOIN releasability_marking m ON m.code = o.releasability WHERE o.id = :id`,
      { id },
    );
  }

  /** The offering's iterations' start dates and locations, earliest first (as the `iterations` field lists them). */
  async iterationTexts(ctx: RequestContext, offeringId: string): Promise<Array<{ id: string; startDate: string; locationEn: string; locationFr: string | null }>> {
    return this.sql.rows(
      ctx,
      `SELECT id, start_date::text AS "startDate", location AS "locationEn", location_fr AS "locationFr"
         FROM offering_iteration WHERE offering_id = :offeringId ORDER BY start_date ASC, id ASC`,
      { offeringId },
    );
  }

  // Iterations

  async findIteration(ctx: RequestContext, id: string): Promise<OfferingIteration | undefined> {
    const row = await this.sql.one<Record<string, unknown>>(ctx, `SELECT ${this.iterations.select('i')} FROM offering_iteration i WHERE i.id = :id`, { id });
    return row && this.iterations.map(row, 'i_');
  }

  /**
   * The iteration's seats, its row locked (SELECT … FOR UPDATE) for the rest of the unit of work, so seat
   * changes and capacity edits queue up and each sees the others' result. `offeringId` narrows the match.
   */
  async lockSeats(ctx: RequestContext, iterationId: string, offeringId?: string): Promise<SeatsRow | undefined> {
    return this.sql.one<SeatsRow>(
      ctx,
      'SELECT capacity, seats_allocated FROM offering_iteration WHERE id = :iterationId AND (:offeringId::uuid IS NULL OR offering_id = :offeringId::uuid) FOR UPDATE',
      { iterationId, offeringId: offeringId ?? null },
    );
  }

  async insertIteration(ctx: RequestContext, offeringId: string, row: IterationRow): Promise<string> {
    const inserted = await this.sql.one<{ id: string }>(
      ctx,
      `INSERT INTO offering_iteration (offering_id, start_date, end_date, location, location_fr, capacity, application_deadline, partner_quota, status)
       VALUES (:offeringId, :start_date, :end_date, :location, :location_fr, :capacity, :application_deadline, :partner_quota, :status) RETURNING id`,
      { ...row, offeringId },
    );
    return inserted!.id;
  }

  async updateIteration(ctx: RequestContext, id: string, row: IterationRow): Promise<void> {
    await this.sql.execute(
      ctx,
      `UPDATE offering_iteration SET start_date = :start_date, end_date = :end_date, location = :location, location_fr = :location_fr, capacity = :capacity,
              application_deadline = :application_deadline, partner_quota = :partner_quota, status = :status, updated_at = now()
        WHERE id = :id`,
      { ...row, id },
    );
  }

  // What requests need (through OfferingEligibility)

  async intakeOffering(ctx: RequestContext, id: string, partner: { id: string; code: string }): Promise<IntakeOfferingRow | undefined> {
    return this.sql.one<IntakeOfferingRow>(
      ctx,
      `SELECT o.id, o.code, o.kind, o.status, o.lead_time_days, CURRENT_DATE::text AS today, (CURRENT_DATE + o.lead_time_days)::text AS earliest_start,
              ${ELIGIBLE_SQL} AS eligible, ${RELEASED_TO_PARTNER_SQL} AS released
         FROM offering o WHERE o.id = :id`,
      { id, eligiblePartner: partner.code, viewerPartner: partner.id },
    );
  }

  /** Whether the offering exists in a status other than `except` and is released to the partner. */
  async referenceableBy(ctx: RequestContext, id: string, except: OfferingStatus, partnerId: string): Promise<boolean> {
    const row = await this.sql.one(ctx, `SELECT 1 AS found FROM offering o WHERE o.id = :id AND o.status <> :except AND ${RELEASED_TO_PARTNER_SQL}`, {
      id,
      except,
      viewerPartner: partnerId,
    });
    return row !== undefined;
  }

  async intakeIteration(ctx: RequestContext, id: string): Promise<IntakeIterationRow | undefined> {
    return this.sql.one<IntakeIterationRow>(
      ctx,
      `SELECT id, offering_id, start_date::text AS start_date, location, capacity, application_deadline::text AS deadline, status
         FROM offering_iteration WHERE id = :id`,
      { id },
    );
  }

  /** Who the offering is open to: programme flags, framework codes and partner codes (lists empty: every partner not suspended). */
  async openTo(ctx: RequestContext, offeringId: string): Promise<{ flags: string[]; frameworks: string[]; partners: string[] }> {
    const row = await this.sql.one<{ flags: string[]; frameworks: string[]; partners: string[] }>(
      ctx,
      `SELECT (SELECT required_programme_flags FROM offering WHERE id = :offeringId) AS flags,
              ARRAY(SELECT f.code FROM offering_eligible_framework x JOIN partnership_framework f ON f.id = x.framework_id WHERE x.offering_id = :offeringId ORDER BY f.code) AS frameworks,
              ARRAY(SELECT p.code FROM offering_eligible_partner x JOIN partner p ON p.id = x.partner_id WHERE x.offering_id = :offeringId ORDER BY p.code) AS partners`,
      { offeringId },
    );
    return row!;
  }

  /** Sections owning an offering of this kind (issue #15: SPS staff are those of the sections owning SPS_GRANT offerings). */
  async owningSectionIdsOfKind(ctx: RequestContext, kind: string): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(ctx, 'SELECT DISTINCT owning_section_id::text AS id FROM offering WHERE kind = :kind', { kind });
    return rows.map((r) => r.id);
  }

  async routing(ctx: RequestContext, offeringId: string): Promise<OfferingRoutingRow | undefined> {
    return this.sql.one<OfferingRoutingRow>(
      ctx,
      `SELECT o.kind, o.owning_section_id,
              ARRAY(SELECT oa.area_id::text FROM offering_area oa WHERE oa.offering_id = o.id) AS area_ids,
              ARRAY(SELECT ot.topic_id::text FROM offering_topic ot WHERE ot.offering_id = o.id) AS topic_ids
         FROM offering o WHERE o.id = :offeringId`,
      { offeringId },
    );
  }
}

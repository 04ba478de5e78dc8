import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { RecordedConditions } from '../common/database/recorded-conditions.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { Sql, type StatementOptions } from '../common/database/sql.js';
import { keysetAfter } from '../common/pagination/keyset.js';
import { Partner } from '../organisation/partner.entity.js';
import { PartnershipFramework } from '../organisation/partnership-framework.entity.js';
import { Section } from '../organisation/section.entity.js';
import type { OfferingStatus } from './catalogue.enums.js';
import { CooperationArea } from './cooperation-area.entity.js';
import type { OfferingFilter } from './dto/offering-filter.input.js';
import { FACET_NAMES, type FacetCount, type FacetName, type OfferingFacets, type OfferingSummary, type SummaryParts } from './offering-connection.type.js';
import { OfferingIteration } from './offering-iteration.entity.js';
import { applyOfferingConditions, type SortSpec } from './offering-query.js';
import { viewerConditions, type OfferingViewer } from './offering-visibility.js';
import { Offering } from './offering.entity.js';
import { Topic } from './topic.entity.js';
import { cacheCounter } from '../observability/counters.js';

/** What one catalogue search asks for: the conditions of the page, its total and its facets. */
export interface OfferingMatch {
  search: string | null;
  filter: OfferingFilter;
  statuses: OfferingStatus[];
  /** Misspelt words (trigrams) too. */
  fuzzy: boolean;
  /** Who reads: releasability and suspension (offering-visibility.ts). */
  viewer: OfferingViewer;
}

export interface OfferingPageArgs extends OfferingMatch {
  sort: SortSpec;
  /** The keyset cursor's sort key and id. */
  after: [string, string] | null;
  limit: number;
}

/** A page row: the offering, its owning section (primed into the section loader) and its sort key for the cursor. */
export interface OfferingPageRow {
  offering: Offering;
  owningSection: Section | undefined;
  sortKey: string;
}

/**
 * The page's statement text per query shape (conditions, order, tiers, keyset, limit): TypeORM's builder costs
 * more CPU than the statement itself, so it runs once per shape; `Sql` caches the named-to-positional rewrite.
 */
const pageStatementByShape = new Map<string, string>();
const shapeCount = cacheCounter('catalogue_page_statement');
const MAX_CACHED_SHAPES = 1000;

type Linked = 'areas' | 'topics' | 'eligibleFrameworks' | 'eligiblePartners' | 'releasableFrameworks' | 'releasablePartners';

const FILTER_CODE_CHECKS = [
  { field: 'areaCodes', table: 'cooperation_area' },
  { field: 'topicCodes', table: 'topic' },
  { field: 'sectionCodes', table: 'section' },
] as const;

/**
 * The catalogue's hot reads: search pages, their total and facets, the detail, and the DataLoader batches
 * of offering relations. Plain SQL through `Sql` on the pool with hand-mapped rows (RowMapper): TypeORM's
 * query runner per statement and its hydration cost more CPU than these small indexed reads (bench/, the
 * catalogue page and detail scenarios). The search's conditions are built with TypeORM's query builder on
 * alias `o` (offering-query.ts), once per query shape, and run here as text.
 *
 * The eligibility links and the owning section are read with a join to the organisation's partner,
 * partnership_framework and section rows: one statement per batch instead of one more per relation.
 */
/** The viewer's conditions on alias `o`, as ` AND …` to append to a statement, and their parameters. */
function viewedBy(viewer: OfferingViewer, use: 'browse' | 'referenced'): { sql: string; params: Record<string, unknown> } {
  const conditions = viewerConditions(viewer, use);
  return { sql: conditions.map((c) => ` AND ${c.sql}`).join(''), params: Object.assign({}, ...conditions.map((c) => c.params)) as Record<string, unknown> };
}

/** The loader batches every page and detail repeats: one plan fits any list of ids. */
const PREPARED: StatementOptions = { prepare: true };

/** The `offering_search` column each facet counts (one grouping set each). */
const FACET_COLUMNS: Record<FacetName, string> = {
  kinds: 'kind',
  deliveryModes: 'delivery_mode',
  sections: 'owning_section_id',
  areas: 'area_bits',
  topics: 'topic_bits',
};

/**
 * Each facet's rows from its grouping set's rows (`g`, one per distinct value, or per distinct set of area or
 * topic bits for areas and topics, with its count `n`), as (facet, value, count, bits): a value and its count, or
 * for areas and topics a set of bits and its count, which summary() adds to the count of every code in the set.
 * Spreading a thousand topic sets over their codes costs PostgreSQL ~5 ms in a join and Node a fraction of that.
 */
const FACET_VALUES: Record<FacetName, (g: string) => string> = {
  kinds: (g) => `SELECT 'kinds', g.kind, g.n, NULL::bytea FROM ${g}`,
  deliveryModes: (g) => `SELECT 'deliveryModes', g.delivery_mode, g.n, NULL::bytea FROM ${g}`,
  sections: (g) => `SELECT 'sections', s.code, g.n, NULL::bytea FROM ${g} JOIN section s ON s.id = g.owning_section_id`,
  areas: (g) => `SELECT 'areas', NULL::text, g.n, g.area_bits FROM ${g}`,
  topics: (g) => `SELECT 'topics', NULL::text, g.n, g.topic_bits FROM ${g}`,
};

/**
 * The code of each bit (its facet_bit, in the count column), for the facets counted by sets of bits: read by the
 * counting statement itself, so a code is never older or newer than the counts.
 */
const FACET_BIT_CODES: Partial<Record<FacetName, string>> = {
  areas: `SELECT 'bit:areas', code, facet_bit, NULL::bytea FROM cooperation_area`,
  topics: `SELECT 'bit:topics', code, facet_bit, NULL::bytea FROM topic`,
};

/** The filter list each facet counts the values of. */
const FACET_FILTER = {
  kinds: 'kinds',
  deliveryModes: 'deliveryModes',
  sections: 'sectionCodes',
  areas: 'areaCodes',
  topics: 'topicCodes',
} as const satisfies Record<FacetName, keyof OfferingFilter>;

@Injectable()
export class OfferingReadRepository {
  private readonly offerings: RowMapper<Offering>;
  private readonly iterations: RowMapper<OfferingIteration>;
  private readonly sections: RowMapper<Section>;
  private readonly linked: Record<Linked, { mapper: RowMapper<ObjectLiteral & { id: string }>; sql: string }>;

  constructor(
    private readonly sql: Sql,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.offerings = RowMapper.of(dataSource.getMetadata(Offering));
    this.iterations = RowMapper.of(dataSource.getMetadata(OfferingIteration));
    this.sections = RowMapper.of(dataSource.getMetadata(Section));
    const link = (entity: new () => ObjectLiteral, table: string, targetColumn: string, orderBy = 'code') => {
      const metadata = dataSource.getMetadata(entity);
      const mapper = RowMapper.of<ObjectLiteral & { id: string }>(metadata);
      return {
        mapper,
        sql: `SELECT ${mapper.select('t')}, l.offering_id AS owner_id
                FROM ${metadata.tableName} t INNER JOIN ${table} l ON l.${targetColumn} = t.id
               WHERE l.offering_id = ANY(:ids::uuid[]) ORDER BY t.${orderBy}`,
      };
    };
    this.linked = {
      areas: link(CooperationArea, 'offering_area', 'area_id', 'position'),
      topics: link(Topic, 'offering_topic', 'topic_id'),
      eligibleFrameworks: link(PartnershipFramework, 'offering_eligible_framework', 'framework_id'),
      eligiblePartners: link(Partner, 'offering_eligible_partner', 'partner_id'),
      releasableFrameworks: link(PartnershipFramework, 'offering_releasable_framework', 'framework_id'),
      releasablePartners: link(Partner, 'offering_releasable_partner', 'partner_id'),
    };
  }

  /**
   * One page of a search: the page's ids and sort keys first, narrow (id and key only), then its rows and
   * owning sections. Relevance: the top tier (exact codes, title hits) found through its own indexes and
   * ranked alone, and the other matches ranked only when the top tier does not fill the page (the second
   * branch of a UNION ALL under a LIMIT is not run when the first one fills it).
   */
  async page(ctx: RequestContext, args: OfferingPageArgs): Promise<OfferingPageRow[]> {
    const { sort, after, limit } = args;
    const conditions = applyOfferingConditions(new RecordedConditions(), args.search, args.filter, args.statuses, args.viewer, args.fuzzy);
    const shape = [sort.tag, sort.expr, sort.direction, sort.type, sort.topTier ?? '', after ? 'after' : '', limit, ...conditions.wheres].join('\u0000');
    let statement = pageStatementByShape.get(shape);
    if (statement !== undefined) shapeCount.hits++;
    else {
      shapeCount.misses++;
      const branch = (topTierOnly = false, where?: string) => {
        const q = this.matched(args, topTierOnly).select('o.id', 'id').addSelect(sort.expr, 'sort_key');
        if (where) q.andWhere(where);
        if (after) q.andWhere(keysetAfter(sort.expr, sort.direction, 'o.id', `CAST(:afterKey AS ${sort.type})`, 'CAST(:afterId AS uuid)'));
        return q.orderBy(sort.expr, sort.direction).addOrderBy('o.id', 'ASC').limit(limit + 1);
      };
      const branches = sort.topTier ? [branch(true), branch(false, `NOT ${sort.topTier}`)] : [branch()];
      const ids = branches.length === 1 ? branches[0]!.getQuery() : `${branches.map((b) => `(${b.getQuery()})`).join(' UNION ALL ')} LIMIT ${limit + 1}`;
      statement = `SELECT ${this.offerings.select('o')}, p.sort_key::text AS sort_key, ${this.sections.select('os')}
         FROM offering o INNER JOIN (${ids}) p ON p.id = o.id
         LEFT JOIN section os ON os.id = o.owning_section_id
        ORDER BY p.sort_key ${sort.direction}, o.id ASC`;
      if (pageStatementByShape.size >= MAX_CACHED_SHAPES) pageStatementByShape.clear();
      pageStatementByShape.set(shape, statement);
    }
    const values = after ? { ...conditions.parameters, afterKey: after[0], afterId: after[1] } : conditions.parameters;
    const table = await this.sql.table(ctx, statement, values);
    const sections = table.entities(this.sections, 'os_');
    const sortKeys = table.values<string>('sort_key');
    return table.entities(this.offerings, 'o_').map((offering, i) => ({ offering: offering!, owningSection: sections[i], sortKey: sortKeys[i]! }));
  }

  /**
   * The total and the selected facets of a search in one statement, whatever the page size. The matches are
   * read once and counted in one pass by GROUPING SETS — `()` for the total, one set per selected facet — so
   * the statement's cost is one index scan plus one hash update per match and facet (at 100,000 offerings
   * and 20,000 matches about a third finding the matches, two thirds the pass; a CTE scanned once per facet cost
   * half as much again; bench/, common search).
   * A facet whose own dimension is filtered counts the matches of every other condition (its own scan), so
   * choosing one kind still shows the other kinds and their counts, and two can be combined.
   */
  async summary(ctx: RequestContext, match: OfferingMatch, parts: SummaryParts): Promise<OfferingSummary> {
    const selected = FACET_NAMES.filter((facet) => parts.facets.has(facet));
    const countedTogether = selected.filter((facet) => !match.filter[FACET_FILTER[facet]]?.length);
    const countedAlone = selected.filter((facet) => !countedTogether.includes(facet));
    const scans = [
      { name: 'matched', match, total: parts.total, facets: countedTogether },
      ...countedAlone.map((facet) => ({
        name: `matched_${facet}`, match: { ...match, filter: { ...match.filter, [FACET_FILTER[facet]]: undefined } }, total: false, facets: [facet],
      })),
    ].filter((scan) => scan.total || scan.facets.length > 0);
    const facets: OfferingFacets = { kinds: [], areas: [], topics: [], sections: [], deliveryModes: [] };
    if (scans.length === 0) return { totalCount: 0, facets };

    const ctes: string[] = [];
    const branches: string[] = [];
    const parameters: ObjectLiteral = {};
    for (const { name, ...scan } of scans) {
      const columns = scan.facets.map((facet) => `o.${FACET_COLUMNS[facet]}`);
      // GROUPING(…) has one bit per column, the first the highest, set when the row's set does not group by it.
      const all = (1 << columns.length) - 1;
      const setOf = (facet: FacetName) => all & ~(1 << (columns.length - 1 - scan.facets.indexOf(facet)));
      const sets = [...(scan.total ? ['()'] : []), ...columns.map((column) => `(${column})`)];
      const grouped = this.counted(scan.match)
        .select(columns.length ? `GROUPING(${columns.join(', ')})` : '0', 'grouping_set')
        .addSelect('count(*)::int', 'n');
      for (const [k, column] of columns.entries()) grouped.addSelect(column, FACET_COLUMNS[scan.facets[k]!]);
      if (columns.length) grouped.groupBy(`GROUPING SETS (${sets.join(', ')})`);
      ctes.push(`${name} AS (${grouped.getQuery()})`);
      Object.assign(parameters, grouped.getParameters());
      if (scan.total) branches.push(`SELECT 'total', NULL::text, n, NULL::bytea FROM ${name} WHERE grouping_set = ${all}`);
      for (const facet of scan.facets) branches.push(FACET_VALUES[facet](`(SELECT * FROM ${name} WHERE grouping_set = ${setOf(facet)}) g`));
    }
    for (const facet of selected) if (FACET_BIT_CODES[facet]) branches.push(FACET_BIT_CODES[facet]);
    const rows = await this.sql.rows<{ facet: FacetName | 'total' | `bit:${FacetName}`; value: string | null; count: number; bits: Buffer | null }>(
      ctx,
      `WITH ${ctes.join(', ')} SELECT * FROM (${branches.map((b) => `(${b})`).join(' UNION ALL ')}) AS summary (facet, value, count, bits)`,
      parameters,
    );
    let totalCount = 0;
    const codesByBit = new Map<string, string[]>();
    const countsByBit = new Map<FacetName, number[]>();
    for (const row of rows) {
      if (row.facet === 'total') totalCount = row.count;
      else if (row.facet.startsWith('bit:')) {
        const facet = row.facet.slice('bit:'.length);
        const codes = codesByBit.get(facet) ?? [];
        codes[row.count] = row.value!;
        codesByBit.set(facet, codes);
      } else if (row.bits) {
        // An area or topic counts the matches of every set holding its bit: bit n is bit n % 8 of byte n / 8 (pcp_bit_set).
        const facet = row.facet as FacetName;
        const counts = countsByBit.get(facet) ?? [];
        for (let bit = 0; bit < 8 * row.bits.length; bit++) {
          if (row.bits[bit >> 3]! & (1 << (bit & 7))) counts[bit] = (counts[bit] ?? 0) + row.count;
        }
        countsByBit.set(facet, counts);
      } else facets[row.facet as FacetName].push({ value: row.value!, count: row.count });
    }
    for (const [facet, counts] of countsByBit) {
      const codes = codesByBit.get(facet) ?? [];
      // forEach skips the bits no set holds (holes); a bit whose area or topic is gone has no code.
      counts.forEach((count, bit) => {
        const code = codes[bit];
        if (code !== undefined) facets[facet].push({ value: code, count });
      });
    }
    const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
    for (const list of Object.values(facets)) list.sort(byCount);
    return { totalCount, facets };
  }

  /** The filter's codes that name nothing, list by list in the filter's order (one statement, only when it has codes). */
  async unknownFilterCodes(ctx: RequestContext, filter: OfferingFilter): Promise<Array<{ field: string; code: string }>> {
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    for (const check of FILTER_CODE_CHECKS) {
      const codes = filter[check.field];
      if (!codes?.length) continue;
      params[check.field] = codes;
      parts.push(`SELECT '${check.field}' AS field, c AS code, ${parts.length} AS part, n FROM unnest(:${check.field}::text[]) WITH ORDINALITY AS u(c, n)
                  WHERE NOT EXISTS (SELECT 1 FROM ${check.table} WHERE code = c)`);
    }
    if (filter.eligibleForPartner) {
      params.eligibleForPartner = filter.eligibleForPartner;
      parts.push(`SELECT 'eligibleForPartner' AS field, :eligibleForPartner::text AS code, ${parts.length} AS part, 1::bigint AS n
                  WHERE NOT EXISTS (SELECT 1 FROM partner WHERE code = :eligibleForPartner::text)`);
    }
    if (parts.length === 0) return [];
    return this.sql.rows(ctx, `${parts.join(' UNION ALL ')} ORDER BY part, n`, params);
  }

  /** One offering by id and/or code among `statuses`, as the viewer browses the catalogue. */
  async findOne(ctx: RequestContext, statuses: OfferingStatus[], viewer: OfferingViewer, id: string | null, code: string | null): Promise<Offering | undefined> {
    const seen = viewedBy(viewer, 'browse');
    const row = await this.sql.one<Record<string, unknown>>(
      ctx,
      `SELECT ${this.offerings.select('o')} FROM offering o
        WHERE o.status = ANY(:statuses::text[]) AND (:id::uuid IS NULL OR o.id = :id::uuid) AND (:code::text IS NULL OR o.code = :code::text)${seen.sql} LIMIT 1`,
      { statuses, id, code, ...seen.params },
    );
    return row && this.offerings.map(row, 'o_');
  }

  /** Offerings of `ids` among `statuses` that the viewer may see where its own records name them (a DataLoader batch). */
  async offeringsByIds(ctx: RequestContext, ids: readonly string[], statuses: OfferingStatus[], viewer: OfferingViewer): Promise<Offering[]> {
    const seen = viewedBy(viewer, 'referenced');
    const table = await this.sql.table(ctx, `SELECT ${this.offerings.select('o')} FROM offering o WHERE o.id = ANY(:ids::uuid[]) AND o.status = ANY(:statuses::text[])${seen.sql}`, {
      ids: [...ids],
      statuses,
      ...seen.params,
    }, PREPARED);
    return table.entities(this.offerings, 'o_') as Offering[];
  }

  /** Iterations of `ids` whose offering is among `statuses` and seen by the viewer as in offeringsByIds (a DataLoader batch). */
  async iterationsByIds(ctx: RequestContext, ids: readonly string[], statuses: OfferingStatus[], viewer: OfferingViewer): Promise<OfferingIteration[]> {
    const seen = viewedBy(viewer, 'referenced');
    const table = await this.sql.table(
      ctx,
      `SELECT ${this.iterations.select('i')} FROM offering_iteration i JOIN offering o ON o.id = i.offering_id
        WHERE i.id = ANY(:ids::uuid[]) AND o.status = ANY(:statuses::text[])${seen.sql}`,
      { ids: [...ids], statuses, ...seen.params },
      PREPARED,
    );
    return table.entities(this.iterations, 'i_') as OfferingIteration[];
  }

  /** Every iteration of the offerings, earliest first (a DataLoader batch on every list page and detail). */
  async iterationsOf(ctx: RequestContext, offeringIds: readonly string[]): Promise<OfferingIteration[]> {
    const table = await this.sql.table(
      ctx,
      `SELECT ${this.iterations.select('i')} FROM offering_iteration i WHERE i.offering_id = ANY(:ids::uuid[]) ORDER BY i.start_date ASC, i.id ASC`,
      { ids: [...offeringIds] },
      PREPARED,
    );
    return table.entities(this.iterations, 'i_') as OfferingIteration[];
  }

  /** The linked rows of each offering, grouped in key order (a DataLoader batch). */
  async linkedOf<T extends ObjectLiteral & { id: string }>(ctx: RequestContext, relation: Linked, offeringIds: readonly string[]): Promise<T[][]> {
    const { mapper, sql } = this.linked[relation];
    const table = await this.sql.table(ctx, sql, { ids: [...offeringIds] }, PREPARED);
    const owners = table.values<string>('owner_id');
    const groups = new Map<string, T[]>();
    for (const [i, target] of (table.entities(mapper, 't_') as T[]).entries()) {
      const owner = owners[i]!;
      const list = groups.get(owner);
      if (list) list.push(target);
      else groups.set(owner, [target]);
    }
    return offeringIds.map((id) => groups.get(id) ?? []);
  }

  /** The offerings a search matches (alias `o`), for the page's and the summary's statements. */
  private matched(match: OfferingMatch, topTierOnly = false): SelectQueryBuilder<Offering> {
    const qb = this.dataSource.getRepository(Offering).createQueryBuilder('o');
    return applyOfferingConditions(qb, match.search, match.filter, match.statuses, match.viewer, match.fuzzy, topTierOnly);
  }

  /**
   * The same matches on `offering_search` (migration OfferingSearchRows): the columns every condition reads, under
   * the same names and alias, on narrow rows, for counting. Triggers keep it in step with `offering` in the
   * writing transaction, so a page and its counts always agree.
   */
  private counted(match: OfferingMatch): SelectQueryBuilder<ObjectLiteral> {
    return applyOfferingConditions(this.dataSource.createQueryBuilder().from('offering_search', 'o'), match.search, match.filter, match.statuses, match.viewer, match.fuzzy);
  }
}

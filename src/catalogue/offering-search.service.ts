import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Repository, type ObjectLiteral } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { toPositional } from '../common/database/positional.js';
import { readRows } from '../common/database/read-rows.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { DomainError } from '../common/errors/domain-error.js';
import { contentLanguage } from '../common/i18n/language.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { keysetAfter } from '../common/pagination/keyset.js';
import { pageSize } from '../common/pagination/page-size.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { Section } from '../organisation/section.entity.js';
import { OfferingOrder } from './catalogue.enums.js';
import type { OfferingFilter } from './dto/offering-filter.input.js';
import { OfferingFacetsService } from './offering-facets.service.js';
import { OfferingFilterCodes } from './offering-filter-codes.js';
import type { OfferingConnection, OfferingSummary } from './offering-connection.type.js';
import { applyOfferingConditions, sortSpec, type ConditionSink } from './offering-query.js';
import { Offering } from './offering.entity.js';
import { visibleStatuses } from './offering-visibility.js';

export interface OfferingListArgs {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  filter?: OfferingFilter | null;
  orderBy?: OfferingOrder | null;
}

const MAX_SEARCH_LENGTH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor's sort value must cast to the sort key's SQL type, or the query would fail. */
function bindable(type: 'numeric' | 'text' | 'timestamptz', value: string): boolean {
  if (type === 'numeric') return /^-?\d{1,12}(\.\d{1,12})?$/.test(value);
  if (type === 'timestamptz') return /^\d{4}-\d{2}-\d{2} [\d:.]+[+-]\d{2}(:\d{2})?$/.test(value);
  return value.length <= 1000;
}

/** The conditions of one search as applyOfferingConditions adds them: their SQL (the query's shape) and parameters. */
class RecordedConditions implements ConditionSink {
  readonly wheres: string[] = [];
  readonly parameters: ObjectLiteral = {};

  andWhere(where: string, parameters?: ObjectLiteral): this {
    this.wheres.push(where);
    if (parameters) Object.assign(this.parameters, parameters);
    return this;
  }
}

/** A page's statement with positional parameters, and the names of the values that go in them, in order. */
interface PageStatement {
  sql: string;
  parameterNames: string[];
}

/**
 * The page's statement per query shape (conditions, order, tiers, keyset, limit): TypeORM's builder and its
 * named-parameter rewrite cost more CPU than the statement itself, so they run once per shape.
 */
const pageStatementByShape = new Map<string, PageStatement>();
const MAX_CACHED_SHAPES = 1000;

/** The catalogue list: search, filter, keyset pages; total and facets on demand. */
@Injectable()
export class OfferingSearchService {
  constructor(
    @InjectRepository(Offering) private readonly offerings: Repository<Offering>,
    private readonly facets: OfferingFacetsService,
    private readonly filterCodes: OfferingFilterCodes,
    private readonly organisation: OrganisationLoaders,
  ) {}

  async list(ctx: RequestContext, args: OfferingListArgs): Promise<OfferingConnection> {
    const limit = pageSize(args.first);
    const search = args.search?.trim() || null;
    if (search && search.length > MAX_SEARCH_LENGTH) throw DomainError.badInput(`search must be at most ${MAX_SEARCH_LENGTH} characters.`, 'search');
    const filter = args.filter ?? {};
    const statuses = visibleStatuses(ctx, filter.statuses);
    const order = args.orderBy ?? (search ? OfferingOrder.RELEVANCE : OfferingOrder.CODE);
    const sort = sortSpec(order, search, contentLanguage(ctx));
    // A relevance cursor only makes sense for the search it came from; a fuzzy search's cursors say so.
    const tagOf = (fuzzy: boolean) =>
      (sort.tag === 'RELEVANCE' ? `RELEVANCE:${createHash('sha1').update(search ?? '').digest('hex').slice(0, 10)}` : sort.tag) + (fuzzy ? '~' : '');
    const decode = (fuzzy: boolean) =>
      decodeCursor(args.after!, tagOf(fuzzy), 2, 'after', ([key, id]) => UUID.test(String(id)) && bindable(sort.type, String(key)));
    let fuzzy = false;
    let after = null;
    if (args.after) {
      try {
        after = decode(false);
      } catch (e) {
        if (!search) throw e;
        after = decode(true);
        fuzzy = true;
      }
    }
    await this.filterCodes.assertKnown(filter);

    const matched = () => applyOfferingConditions(this.offerings.createQueryBuilder('o'), search, filter, statuses, fuzzy);
    const fetchPage = () => {
      // The page's ids and sort keys first, narrow (id and key only), then its rows and owning sections.
      // Relevance: the top tier (exact codes, title hits) found through its own indexes and ranked alone,
      // and the other matches ranked only when the top tier does not fill the page (the second branch
      // of a UNION ALL under a LIMIT is not run when the first one fills it).
      // The SQL depends only on the query's shape; the values travel as parameters.
      const conditions = applyOfferingConditions(new RecordedConditions(), search, filter, statuses, fuzzy);
      const shape = [sort.tag, sort.expr, sort.direction, sort.type, sort.topTier ?? '', after ? 'after' : '', limit, ...conditions.wheres].join('\u0000');
      let statement = pageStatementByShape.get(shape);
      if (statement === undefined) {
        const branch = (tier?: string) => {
          const q = matched().select('o.id', 'id').addSelect(sort.expr, 'sort_key');
          if (tier) q.andWhere(tier);
          if (after) q.andWhere(keysetAfter(sort.expr, sort.direction, 'o.id', `CAST(:afterKey AS ${sort.type})`, 'CAST(:afterId AS uuid)'));
          return q.orderBy(sort.expr, sort.direction).addOrderBy('o.id', 'ASC').limit(limit + 1);
        };
        const branches = sort.topTier ? [branch(sort.topTier), branch(`NOT ${sort.topTier}`)] : [branch()];
        const ids = branches.length === 1 ? branches[0]!.getQuery() : `${branches.map((b) => `(${b.getQuery()})`).join(' UNION ALL ')} LIMIT ${limit + 1}`;
        // Plain SQL and hand-mapped rows: TypeORM's hydration costs more CPU than the statement.
        const named = `SELECT ${offeringRows.select('o')}, p.sort_key::text AS sort_key, ${sectionRows.select('os')}
           FROM offering o INNER JOIN (${ids}) p ON p.id = o.id
           LEFT JOIN section os ON os.id = o.owning_section_id
          ORDER BY p.sort_key ${sort.direction}, o.id ASC`;
        const { sql, names } = toPositional(named, after ? { ...conditions.parameters, afterKey: null, afterId: null } : conditions.parameters);
        statement = { sql, parameterNames: names };
        if (pageStatementByShape.size >= MAX_CACHED_SHAPES) pageStatementByShape.clear();
        pageStatementByShape.set(shape, statement);
      }
      const values: ObjectLiteral = after ? { ...conditions.parameters, afterKey: String(after[0]), afterId: String(after[1]) } : conditions.parameters;
      return readRows(this.offerings, statement.sql, statement.parameterNames.map((name) => values[name]));
    };
    const offeringRows = RowMapper.of<Offering>(this.offerings.metadata);
    // The owning section of each row comes with the page (primed below), not in a query of its own.
    const sectionRows = RowMapper.of<Section>(this.offerings.manager.connection.getMetadata(Section));
    let rows = await fetchPage();
    // Misspelt words (trigrams) only when the words and fragments find nothing: a second statement then.
    if (search && !after && !fuzzy && rows.length === 0) {
      fuzzy = true;
      rows = await fetchPage();
    }
    const keys = new Map<string, string>();
    const sections = this.organisation.sectionById(ctx);
    const entities = rows.map((row) => {
      const o = offeringRows.map(row, 'o_')!;
      keys.set(o.id, row.sort_key as string);
      const section = sectionRows.map(row, 'os_');
      if (section) sections.prime(o.owningSectionId, section);
      return o;
    });
    const tag = tagOf(fuzzy);

    let summary: Promise<OfferingSummary> | undefined;
    return {
      ...toConnection(entities, limit, args.after, (o) => encodeCursor(tag, [keys.get(o.id)!, o.id])),
      summary: () => (summary ??= this.facets.summarise(matched())),
    } as OfferingConnection;
  }
}

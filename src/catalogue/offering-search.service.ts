import { assertSearchLength } from '../common/search/full-text.js';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { RequestContext } from '../common/context/request-context.js';
import { contentLanguage } from '../common/i18n/language.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { OfferingOrder } from './catalogue.enums.js';
import type { OfferingFilter } from './dto/offering-filter.input.js';
import { OfferingFilterCodes } from './offering-filter-codes.js';
import { WHOLE_SUMMARY, type OfferingConnection, type OfferingSummary, type SummaryParts } from './offering-connection.type.js';
import { OfferingReadRepository } from './offering-read.repository.js';
import { sortSpec } from './offering-query.js';
import { viewerOf, visibleStatuses } from './offering-visibility.js';

export interface OfferingListArgs {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  filter?: OfferingFilter | null;
  orderBy?: OfferingOrder | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor's sort value must cast to the sort key's SQL type, or the query would fail. */
function bindable(type: 'numeric' | 'text' | 'timestamptz' | 'date', value: string): boolean {
  if (type === 'numeric') return /^-?\d{1,12}(\.\d{1,12})?$/.test(value);
  if (type === 'date') {
    if (value === 'infinity') return true;
    const day = new Date(`${value}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
  }
  if (type === 'timestamptz') return /^\d{4}-\d{2}-\d{2} [\d:.]+[+-]\d{2}(:\d{2})?$/.test(value);
  return value.length <= 1000;
}

/** The catalogue list: search, filter, keyset pages; total and facets on demand. */
@Injectable()
export class OfferingSearchService {
  constructor(
    private readonly offerings: OfferingReadRepository,
    private readonly filterCodes: OfferingFilterCodes,
    private readonly organisation: OrganisationLoaders,
  ) {}

  /** `summary`: what of the total and facets the caller will read (all of it unless told). */
  async list(ctx: RequestContext, args: OfferingListArgs, summaryParts: SummaryParts = WHOLE_SUMMARY): Promise<OfferingConnection> {
    const limit = pageSize(args.first);
    const search = args.search?.trim() || null;
    assertSearchLength(search);
    const filter = args.filter ?? {};
    const statuses = visibleStatuses(ctx, filter.statuses);
    const viewer = viewerOf(ctx);
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
    await this.filterCodes.assertKnown(ctx, filter);

    const fetchPage = () => this.offerings.page(ctx, { search, filter, statuses, viewer, fuzzy, sort, after: after && [String(after[0]), String(after[1])], limit });
    let rows = await fetchPage();
    // Misspelt words (trigrams) only when the words and fragments find nothing: a second statement then.
    if (search && !after && !fuzzy && rows.length === 0) {
      fuzzy = true;
      rows = await fetchPage();
    }
    const keys = new Map<string, string>();
    // The owning section of each row comes with the page, not in a query of its own.
    const sections = this.organisation.sectionById(ctx);
    const entities = rows.map((row) => {
      keys.set(row.offering.id, row.sortKey);
      if (row.owningSection) sections.prime(row.offering.owningSectionId, row.owningSection);
      return row.offering;
    });
    const tag = tagOf(fuzzy);
    const match = { search, filter, statuses, viewer, fuzzy };

    let summary: Promise<OfferingSummary> | undefined;
    return {
      ...toConnection(entities, limit, args.after, (o) => encodeCursor(tag, [keys.get(o.id)!, o.id])),
      summary: () => (summary ??= this.offerings.summary(ctx, match, summaryParts)),
    } as OfferingConnection;
  }
}

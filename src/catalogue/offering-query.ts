import type { ObjectLiteral } from 'typeorm';
import type { Language } from '../common/context/request-context.js';
import type { SortDirection } from '../common/pagination/keyset.js';
import { OfferingOrder, type OfferingStatus } from './catalogue.enums.js';
import type { OfferingFilter } from './dto/offering-filter.input.js';
import { viewerConditions, type OfferingViewer } from './offering-visibility.js';
import { fragmentMatchSql, prefixMatchSql, prefixQuery, searchParams, TERM, textRankSql, wordsMatchSql, type TextColumns } from '../common/search/full-text.js';

export { prefixQuery };

/**
 * SQL for finding offerings, on alias `o`: the filter, the search match and its rank, and the sort key
 * of each order. Pure string building (no I/O), shared by the page query and the facets query so both
 * always count the same rows.
 */

/** The offering's searchable text for the shared matching (common/search/full-text.ts): stored vectors, codes and titles. */
const OFFERING_TEXT: TextColumns = { en: 'o.search_en', fr: 'o.search_fr', text: 'o.search_text' };

/** An exact code, eTOC code or ePRIME reference (any case); GIN-indexed (offering_codes_lower_idx). */
const CODE_HIT_SQL = `ARRAY[lower(o.code), lower(coalesce(o.etoc_code, '')), lower(coalesce(o.eprime_reference, ''))] @> ARRAY[lower(:term)]`;

/**
 * Every search word starts a word of the title or a code, in either language (stemmed, stop words left
 * out): "georgian", "georg", "cyber def", "nso-ct". GIN prefix search on the title vectors
 * (offering_search_title_*_idx); :prefixTerm is `prefixQuery(term)`.
 */
const TITLE_HIT_SQL = `(o.search_title_en @@ to_tsquery('english', pcp_unaccent(:prefixTerm))
  OR o.search_title_fr @@ to_tsquery('french', pcp_unaccent(:prefixTerm)))`;

/**
 * The first tier of a relevance search: every match ranked 10 or more (an exact code or a title hit), all
 * of them above every other match. The page query ranks this tier alone when it fills the page, so a
 * common word does not rank all its matches (see OfferingSearchService).
 */
export const TOP_TIER_SQL = `(${CODE_HIT_SQL} OR ${TITLE_HIT_SQL})`;

/**
 * Best first: an exact code match, then a title (or code) hit in either language, then text rank, with
 * trigram word similarity to lift near-misses. Rounded numeric so a cursor can carry it exactly.
 * The first two terms are TOP_TIER_SQL's, so the tiers and the order can never disagree.
 */
export const RANK_SQL = `round((
  CASE WHEN ${CODE_HIT_SQL} THEN 100 ELSE 0 END
  + CASE WHEN ${TITLE_HIT_SQL} THEN 10 ELSE 0 END
  + ${textRankSql(OFFERING_TEXT)}
  + word_similarity(${TERM}, ${OFFERING_TEXT.text})
)::numeric, 6)`;

/**
 * The top tier among a search's matches (`match`, MATCH_SQL or FUZZY_MATCH_SQL): TOP_TIER_SQL and the match,
 * written as (code hit and match) or title hit, every title hit being a match. So written, the planner finds the
 * tier through the code and title indexes alone; as `match AND tier` it read every match and tested the tier on
 * each (at 100,000 offerings a selective search's page 2.4 -> 2.0 ms, a common one's 53 -> 49 ms; bench/).
 */
const topTierMatchSql = (match: string) => `((${CODE_HIT_SQL} AND ${match}) OR ${TITLE_HIT_SQL})`;

/** Words anywhere in either language (stemmed), or the beginnings of title or code words. */
const MATCH_SQL = `(${wordsMatchSql(OFFERING_TEXT)} OR ${TITLE_HIT_SQL})`;

/**
 * The same, or the beginning of any word anywhere ("tallin" for Tallinn in a description), any fragment of a
 * code or title ("ct-101", "terror" inside a word), or a misspelt word of one (trigram word similarity). These
 * match far more and trigram scans cost far more than the rest on a large catalogue, so the search uses them
 * as a fallback, when MATCH_SQL finds nothing.
 */
const FUZZY_MATCH_SQL = `(${wordsMatchSql(OFFERING_TEXT)} OR ${TITLE_HIT_SQL}
  OR ${prefixMatchSql(OFFERING_TEXT)}
  OR ${fragmentMatchSql(OFFERING_TEXT)})`;

/**
 * Offering `o` may be requested by the partner with code :eligiblePartner. The partner must carry every
 * programme flag the offering requires (DCB…). No eligibility rows: open to every partner that is not
 * suspended; otherwise listed directly or through one of its frameworks. A suspended partner is eligible for
 * nothing. The catalogue filter and OfferingEligibility (requests) both use it, so a change of a partner's
 * flags changes both at once.
 */
export const ELIGIBLE_SQL = `EXISTS (SELECT 1 FROM partner ep WHERE ep.code = :eligiblePartner AND NOT ep.suspended
  AND ep.programme_flags @> o.required_programme_flags AND (
  (NOT EXISTS (SELECT 1 FROM offering_eligible_partner x WHERE x.offering_id = o.id)
   AND NOT EXISTS (SELECT 1 FROM offering_eligible_framework y WHERE y.offering_id = o.id))
  OR EXISTS (SELECT 1 FROM offering_eligible_partner x WHERE x.offering_id = o.id AND x.partner_id = ep.id)
  OR EXISTS (SELECT 1 FROM offering_eligible_framework y JOIN partner_framework pf ON pf.framework_id = y.framework_id
             WHERE y.offering_id = o.id AND pf.partner_id = ep.id)))`;

/** The next iteration's start (not cancelled, today or later), by offering_iteration_offering_start_idx. */
const NEXT_START_SQL = `coalesce((SELECT min(ni.start_date) FROM offering_iteration ni
  WHERE ni.offering_id = o.id AND ni.status <> 'CANCELLED' AND ni.start_date >= CURRENT_DATE), 'infinity'::date)`;

export interface SortSpec {
  /** Names the ordering inside cursors. */
  tag: string;
  expr: string;
  direction: SortDirection;
  /** SQL type to cast the cursor's text value back to. */
  type: 'numeric' | 'text' | 'timestamptz' | 'date';
  /** Rows matching it sort before every other row (relevance only): ranked on their own first. */
  topTier?: string;
}

export function sortSpec(order: OfferingOrder, search: string | null, language: Language): SortSpec {
  const effective = order === OfferingOrder.RELEVANCE && !search ? OfferingOrder.CODE : order;
  switch (effective) {
    case OfferingOrder.RELEVANCE:
      return { tag: 'RELEVANCE', expr: RANK_SQL, direction: 'DESC', type: 'numeric', topTier: TOP_TIER_SQL };
    case OfferingOrder.TITLE: {
      const other = language === 'fr' ? 'en' : 'fr';
      return { tag: `TITLE_${language}`, expr: `coalesce(nullif(o.title_${language}, ''), o.title_${other})`, direction: 'ASC', type: 'text' };
    }
    case OfferingOrder.NEWEST:
      return { tag: 'NEWEST', expr: 'o.created_at', direction: 'DESC', type: 'timestamptz' };
    case OfferingOrder.START_DATE:
      // 'infinity' rather than NULL for offerings with nothing coming up: the keyset comparison needs a value.
      return { tag: 'START_DATE', expr: NEXT_START_SQL, direction: 'ASC', type: 'date' };
    default:
      return { tag: 'CODE', expr: 'o.code', direction: 'ASC', type: 'text' };
  }
}

/** What the conditions are added to: a query builder on alias `o`, or a recorder of the SQL and its parameters. */
export interface ConditionSink {
  andWhere(where: string, parameters?: ObjectLiteral): unknown;
}

/**
 * Applies search, filter and visibility to a query builder on alias `o`; `fuzzy` adds misspelt words to the search;
 * `topTierOnly` keeps the search's top tier (TOP_TIER_SQL) alone, for the first branch of a relevance page.
 */
export function applyOfferingConditions<Q extends ConditionSink>(
  qb: Q,
  search: string | null,
  filter: OfferingFilter,
  statuses: OfferingStatus[],
  viewer: OfferingViewer,
  fuzzy = true,
  topTierOnly = false,
): Q {
  qb.andWhere('o.status = ANY(:statuses)', { statuses });
  // Releasability and suspension by the viewer's partner: the page, its total and its facets alike.
  for (const condition of viewerConditions(viewer, 'browse')) qb.andWhere(condition.sql, condition.params);
  if (search) {
    const { termLike, ...words } = searchParams(search);
    const match = fuzzy ? FUZZY_MATCH_SQL : MATCH_SQL;
    qb.andWhere(topTierOnly ? topTierMatchSql(match) : match, fuzzy ? { ...words, termLike } : words);
  }
  if (filter.kinds?.length) qb.andWhere('o.kind = ANY(:kinds)', { kinds: filter.kinds });
  if (filter.deliveryModes?.length) qb.andWhere('o.delivery_mode = ANY(:deliveryModes)', { deliveryModes: filter.deliveryModes });
  if (filter.areaCodes?.length) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM offering_area oa JOIN cooperation_area a ON a.id = oa.area_id WHERE oa.offering_id = o.id AND a.code = ANY(:areaCodes))`,
      { areaCodes: filter.areaCodes },
    );
  }
  if (filter.topicCodes?.length) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM offering_topic ot JOIN topic t ON t.id = ot.topic_id WHERE ot.offering_id = o.id AND t.code = ANY(:topicCodes))`,
      { topicCodes: filter.topicCodes },
    );
  }
  if (filter.sectionCodes?.length) {
    qb.andWhere('o.owning_section_id IN (SELECT id FROM section WHERE code = ANY(:sectionCodes))', { sectionCodes: filter.sectionCodes });
  }
  if (filter.eligibleForPartner) qb.andWhere(ELIGIBLE_SQL, { eligiblePartner: filter.eligibleForPartner });
  applyIterationConditions(qb, filter);
  return qb;
}

function applyIterationConditions(qb: ConditionSink, filter: OfferingFilter): void {
  const range = [`i.offering_id = o.id`, `i.status <> 'CANCELLED'`];
  if (filter.startsAfter) range.push('i.start_date >= :startsAfter::date');
  if (filter.startsBefore) range.push('i.start_date <= :startsBefore::date');
  const open = [
    `i.status IN ('PLANNED', 'OPEN')`,
    '(i.capacity IS NULL OR i.capacity > i.seats_allocated)',
    'i.start_date >= CURRENT_DATE',
    '(i.application_deadline IS NULL OR i.application_deadline >= CURRENT_DATE)',
  ];
  const params = { startsAfter: filter.startsAfter, startsBefore: filter.startsBefore };
  const dated = Boolean(filter.startsAfter || filter.startsBefore);
  if (dated || filter.hasOpenSeats === true) {
    const conditions = filter.hasOpenSeats === true ? [...range, ...open] : range;
    qb.andWhere(`EXISTS (SELECT 1 FROM offering_iteration i WHERE ${conditions.join(' AND ')})`, params);
  }
  if (filter.hasOpenSeats === false) {
    qb.andWhere(`NOT EXISTS (SELECT 1 FROM offering_iteration i WHERE ${[...range, ...open].join(' AND ')})`, params);
  }
}

/**
 * The portal's one text matching, as SQL fragments on any table that stores, per language, a tsvector over its
 * unaccented text (`pcp_unaccent`) and a lower-cased unaccented text for fragments and misspellings: the catalogue's
 * offerings (offering-query.ts) and the knowledge base's articles (knowledge.repository.ts) both build their search
 * from it, so a word, an accent left out, the beginning of a word or a misspelling finds the same in both.
 *
 * Parameters: `searchParams(term)` — :term, :prefixTerm (prefixQuery) and :termLike (a LIKE pattern).
 */

import { DomainError } from '../errors/domain-error.js';

/** The longest search term any search takes. */
const MAX_SEARCH_LENGTH = 200;

/** Refuses a search term longer than any search takes (BAD_USER_INPUT on `search`). */
export function assertSearchLength(term: string | null | undefined): void {
  if (term && term.length > MAX_SEARCH_LENGTH) throw DomainError.badInput(`search must be at most ${MAX_SEARCH_LENGTH} characters.`, 'search');
}

/** Where a table keeps its searchable text (SQL expressions on the caller's alias). */
export interface TextColumns {
  /** tsvector of the English text, stemmed ('english' configuration). */
  en: string;
  /** tsvector of the French text, stemmed ('french' configuration). */
  fr: string;
  /** Lower-cased unaccented text matched by fragments and trigrams (codes, titles). */
  text: string;
}

// Full-text queries in both languages over the unaccented term; the trigram side lowercases too.
export const Q_EN = `websearch_to_tsquery('english', pcp_unaccent(:term))`;
export const Q_FR = `websearch_to_tsquery('french', pcp_unaccent(:term))`;
export const TERM = `lower(pcp_unaccent(:term))`;

/** Words anywhere in either language (stemmed, stop words left out). */
export function wordsMatchSql(c: TextColumns): string {
  return `${c.en} @@ ${Q_EN} OR ${c.fr} @@ ${Q_FR}`;
}

/** The beginning of a word anywhere, in either language: "tallin" finds Tallinn, "cyber def" cyber defence. */
export function prefixMatchSql(c: TextColumns): string {
  return `${c.en} @@ to_tsquery('english', pcp_unaccent(:prefixTerm)) OR ${c.fr} @@ to_tsquery('french', pcp_unaccent(:prefixTerm))`;
}

/** Any fragment of the text ("ct-101", "terror" inside a word), or a misspelt word of it (trigram word similarity). */
export function fragmentMatchSql(c: TextColumns): string {
  return `${c.text} LIKE lower(pcp_unaccent(:termLike)) OR ${c.text} %> ${TERM}`;
}

/** Text rank, the better of the two languages. */
export function textRankSql(c: TextColumns): string {
  return `greatest(ts_rank(${c.en}, ${Q_EN}), ts_rank(${c.fr}, ${Q_FR}))`;
}

/** Letters and digits, joined by hyphens as in codes (NSO-CT-101): what a search word is for prefix matching. */
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/**
 * The tsquery text that matches words beginning with each word of the term: `'cyber':* & 'def':*`. Only
 * letters, digits and hyphens reach it, so no tsquery syntax can come from the user. Empty (matching
 * nothing) when the term has no word.
 */
export function prefixQuery(term: string): string {
  return (term.match(WORD) ?? []).map((w) => `'${w}':*`).join(' & ');
}

export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The parameters every fragment above reads. */
export function searchParams(term: string): { term: string; prefixTerm: string; termLike: string } {
  return { term, prefixTerm: prefixQuery(term), termLike: `%${escapeLike(term)}%` };
}

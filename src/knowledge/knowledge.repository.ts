import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import { fragmentMatchSql, prefixMatchSql, searchParams, TERM, textRankSql, wordsMatchSql, type TextColumns } from '../common/search/full-text.js';
import type { KnowledgeArticle, KnowledgeCategory, SaveKnowledgeArticleInput } from './dto/knowledge.types.js';

const ARTICLE = `k.id, k.slug, k.category, k.title_en AS "titleEn", k.title_fr AS "titleFr", k.body_en AS "bodyEn", k.body_fr AS "bodyFr",
  k.area_codes AS "areaCodes", k.offering_kinds AS "offeringKinds", k.published, k.version, k.updated_at AS "updatedAt"`;

/**
 * The catalogue's text matching (common/search/full-text.ts) on the article: words and word beginnings in either
 * language over the stored vectors (titles weighted above bodies), fragments and misspellings of the titles.
 * A knowledge base holds tens of articles, so every kind of match runs at once (the catalogue keeps fragments
 * and misspellings for a second statement when the rest find nothing).
 */
const ARTICLE_TEXT: TextColumns = { en: 'k.search_en', fr: 'k.search_fr', text: `lower(pcp_unaccent(k.title_en || ' ' || k.title_fr))` };
const MATCH_SQL = `(${wordsMatchSql(ARTICLE_TEXT)} OR ${prefixMatchSql(ARTICLE_TEXT)} OR ${fragmentMatchSql(ARTICLE_TEXT)})`;
const RANK_SQL = `(CASE WHEN ${wordsMatchSql(ARTICLE_TEXT)} THEN 1 ELSE 0 END + ${textRankSql(ARTICLE_TEXT)} + word_similarity(${TERM}, ${ARTICLE_TEXT.text}))`;

export interface ArticleSearch {
  term: string | null;
  category: KnowledgeCategory | null;
  /** Related to any of these areas OR this offering kind (both null: no tag condition). */
  areaCodes: string[] | null;
  offeringKind: string | null;
  drafts: boolean;
  limit: number;
}

/** Knowledge-base articles (knowledge_article): plain SQL through `Sql`. */
@Injectable()
export class KnowledgeRepository {
  constructor(private readonly sql: Sql) {}

  /** Best match first (whole words above beginnings and fragments, title above body, either language), then by title. */
  search(ctx: RequestContext, s: ArticleSearch, language: 'en' | 'fr'): Promise<KnowledgeArticle[]> {
    const title = language === 'fr' ? 'k.title_fr' : 'k.title_en';
    return this.sql.rows<KnowledgeArticle>(
      ctx,
      `SELECT ${ARTICLE} FROM knowledge_article k
        WHERE (k.published OR :drafts::boolean)
          AND (:term::text IS NULL OR ${MATCH_SQL})
          AND (:category::text IS NULL OR k.category = :category)
          AND ((:areaCodes::text[] IS NULL AND :offeringKind::text IS NULL)
               OR k.area_codes && coalesce(:areaCodes::text[], '{}') OR k.offering_kinds @> ARRAY[:offeringKind::text])
        ORDER BY CASE WHEN :term::text IS NULL THEN 0 ELSE ${RANK_SQL} END DESC, ${title}, k.id
        LIMIT :limit`,
      { ...searchParams(s.term ?? ''), term: s.term, category: s.category, areaCodes: s.areaCodes, offeringKind: s.offeringKind, drafts: s.drafts, limit: s.limit },
    );
  }

  bySlug(ctx: RequestContext, slug: string): Promise<KnowledgeArticle | undefined> {
    return this.sql.one<KnowledgeArticle>(ctx, `SELECT ${ARTICLE} FROM knowledge_article k WHERE k.slug = :slug`, { slug });
  }

  async insert(ctx: RequestContext, a: SaveKnowledgeArticleInput): Promise<KnowledgeArticle> {
    return (await this.sql.one<KnowledgeArticle>(
      ctx,
      `INSERT INTO knowledge_article AS k (slug, category, title_en, title_fr, body_en, body_fr, area_codes, offering_kinds, published)
       VALUES (:slug, :category, :titleEn, :titleFr, :bodyEn, :bodyFr, :areaCodes::text[], :offeringKinds::text[], :published)
       ON CONFLICT (slug) DO NOTHING
       RETURNING ${ARTICLE}`,
      { ...this.params(a) },
    ))!;
  }

  update(ctx: RequestContext, id: string, expectedVersion: number, a: SaveKnowledgeArticleInput): Promise<KnowledgeArticle | undefined> {
    return this.sql.one<KnowledgeArticle>(
      ctx,
      `UPDATE knowledge_article AS k SET slug = :slug, category = :category, title_en = :titleEn, title_fr = :titleFr, body_en = :bodyEn, body_fr = :bodyFr,
              area_codes = :areaCodes::text[], offering_kinds = :offeringKinds::text[], published = :published, version = k.version + 1, updated_at = now()
        WHERE k.id = :id AND k.version = :expectedVersion
        RETURNING ${ARTICLE}`,
      { ...this.params(a), id, expectedVersion },
    );
  }

  async version(ctx: RequestContext, id: string): Promise<number | undefined> {
    return (await this.sql.one<{ version: number }>(ctx, 'SELECT version FROM knowledge_article WHERE id = :id', { id }))?.version;
  }

  private params(a: SaveKnowledgeArticleInput): Record<string, unknown> {
    return {
      slug: a.slug, category: a.category, titleEn: a.titleEn, titleFr: a.titleFr, bodyEn: a.bodyEn, bodyFr: a.bodyFr,
      areaCodes: a.areaCodes, offeringKinds: a.offeringKinds, published: a.published,
    };
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { KnowledgeArticle, KnowledgeCategory, SaveKnowledgeArticleInput } from './dto/knowledge.types.js';

const ARTICLE = `k.id, k.slug, k.category, k.title_en AS "titleEn", k.title_fr AS "titleFr", k.body_en AS "bodyEn", k.body_fr AS "bodyFr",
  k.area_codes AS "areaCodes", k.offering_kinds AS "offeringKinds", k.published, k.version, k.updated_at AS "updatedAt"`;

// The catalogue's full-text approach (offering-query.ts): both languages over the unaccented term, stored vectors.
const Q_EN = `websearch_to_tsquery('english', pcp_unaccent(:term))`;
const Q_FR = `websearch_to_tsquery('french', pcp_unaccent(:term))`;

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

  /** Best match first (title above body, either language), then by title; a title fragment also matches. */
  search(ctx: RequestContext, s: ArticleSearch, language: 'en' | 'fr'): Promise<KnowledgeArticle[]> {
    const title = language === 'fr' ? 'k.title_fr' : 'k.title_en';
    return this.sql.rows<KnowledgeArticle>(
      ctx,
      `SELECT ${ARTICLE} FROM knowledge_article k
        WHERE (k.published OR :drafts::boolean)
          AND (:term::text IS NULL OR k.search_en @@ ${Q_EN} OR k.search_fr @@ ${Q_FR}
               OR lower(pcp_unaccent(k.title_en || ' ' || k.title_fr)) LIKE '%' || lower(pcp_unaccent(:term)) || '%')
          AND (:category::text IS NULL OR k.category = :category)
          AND ((:areaCodes::text[] IS NULL AND :offeringKind::text IS NULL)
               OR k.area_codes && coalesce(:areaCodes::text[], '{}') OR k.offering_kinds @> ARRAY[:offeringKind::text])
        ORDER BY CASE WHEN :term::text IS NULL THEN 0 ELSE greatest(ts_rank(k.search_en, ${Q_EN}), ts_rank(k.search_fr, ${Q_FR})) END DESC, ${title}, k.id
        LIMIT :limit`,
      { term: s.term, category: s.category, areaCodes: s.areaCodes, offeringKind: s.offeringKind, drafts: s.drafts, limit: s.limit },
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

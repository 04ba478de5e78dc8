import { assertSearchLength } from '../common/search/full-text.js';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { OfferingEligibility } from '../catalogue/offering-eligibility.js';
import { Permission } from '../common/auth/permission.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { contentLanguage } from '../common/i18n/language.js';
import type { KnowledgeArticle, KnowledgeCategory, SaveKnowledgeArticleInput } from './dto/knowledge.types.js';
import { KnowledgeRepository } from './knowledge.repository.js';

/** Results per search: a knowledge base holds tens of articles (the query cost counts on it: Query.knowledgeArticles). */
export const ARTICLES_SHOWN = 50;

/**
 * The knowledge base (issue #17 item 4): bilingual articles read by everyone who reads the catalogue, found by the
 * catalogue's kind of full-text search, or by the area and kind tags of an offering or a request form; written by
 * catalogue administrators (every change audited). Unpublished articles are theirs alone.
 */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly articles: KnowledgeRepository,
    private readonly catalogue: OfferingEligibility,
    private readonly audit: AuditService,
  ) {}

  search(
    ctx: RequestContext,
    args: { search?: string | null; category?: KnowledgeCategory | null; areaCodes?: string[] | null; offeringKind?: string | null; limit?: number | null },
  ): Promise<KnowledgeArticle[]> {
    const term = args.search?.trim() || null;
    assertSearchLength(term);
    const limit = args.limit ?? ARTICLES_SHOWN;
    if (!Number.isInteger(limit) || limit < 1 || limit > ARTICLES_SHOWN) throw DomainError.badInput(`limit must be between 1 and ${ARTICLES_SHOWN}.`, 'limit');
    return this.articles.search(
      ctx,
      {
        term,
        category: args.category ?? null,
        areaCodes: args.areaCodes?.length ? args.areaCodes : null,
        offeringKind: args.offeringKind ?? null,
        drafts: ctx.can(Permission.ManageCatalogue),
        limit,
      },
      contentLanguage(ctx),
    );
  }

  async bySlug(ctx: RequestContext, slug: string): Promise<KnowledgeArticle | null> {
    const article = await this.articles.bySlug(ctx, slug);
    return article && (article.published || ctx.can(Permission.ManageCatalogue)) ? article : null;
  }

  save(ctx: RequestContext, input: SaveKnowledgeArticleInput): Promise<KnowledgeArticle> {
    return this.uow.run(ctx, async (tx) => {
      for (const code of input.areaCodes) await this.catalogue.areaId(tx, code, 'areaCodes');
      const sameSlug = await this.articles.bySlug(tx, input.slug);
      if (sameSlug && sameSlug.id !== input.id) throw DomainError.conflict(`Another article already has the slug "${input.slug}". Choose another slug.`);
      let article: KnowledgeArticle | undefined;
      if (input.id) {
        if (input.expectedVersion === null || input.expectedVersion === undefined) throw DomainError.badInput('input.expectedVersion is required to update an article.', 'input');
        article = await this.articles.update(tx, input.id, input.expectedVersion, input);
        if (!article) {
          const current = await this.articles.version(tx, input.id);
          if (current === undefined) throw DomainError.notFound('Article');
          throw DomainError.conflict(`This article was changed elsewhere (now version ${current}). Reload it and apply your change again.`, { currentVersion: current });
        }
      } else {
        article = await this.articles.insert(tx, input);
        if (!article) throw DomainError.conflict(`Another article already has the slug "${input.slug}". Choose another slug.`);
      }
      await this.audit.record(tx, input.id ? 'knowledge.update' : 'knowledge.create', { type: 'knowledge_article', id: article.id }, {
        slug: article.slug,
        published: article.published,
        version: article.version,
      });
      return article;
    });
  }
}

import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { Language, useContentLanguage } from '../common/i18n/language.js';
import { KnowledgeArticle, KnowledgeCategory, SaveKnowledgeArticleInput } from './dto/knowledge.types.js';
import { KnowledgeService } from './knowledge.service.js';

@Resolver(() => KnowledgeArticle)
export class KnowledgeResolver {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Allow(Permission.ReadCatalogue)
  @Query(() => [KnowledgeArticle], {
    description:
      "Help articles, best match first (at most 50, or limit). search: matched as the catalogue's search box matches offerings (words in English or French, accents aside, beginnings of words, fragments and misspellings of titles). areaCodes / offeringKind: the articles about any of those areas OR that kind (what the offering page and the request form show).",
  })
  knowledgeArticles(
    @Ctx() ctx: RequestContext,
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
    @Args('category', { type: () => KnowledgeCategory, nullable: true }) category?: KnowledgeCategory | null,
    @Args('areaCodes', { type: () => [String], nullable: true }) areaCodes?: string[] | null,
    @Args('offeringKind', { type: () => String, nullable: true }) offeringKind?: string | null,
    @Args('limit', { type: () => Int, nullable: true, description: 'At most this many (1 to 50; 50 when left out).' }) limit?: number | null,
    @Args('language', { type: () => Language, nullable: true, description: 'Content language; Accept-Language otherwise.' }) language?: Language | null,
  ): Promise<KnowledgeArticle[]> {
    useContentLanguage(ctx, language);
    return this.knowledge.search(ctx, { search, category, areaCodes, offeringKind, limit });
  }

  @Allow(Permission.ReadCatalogue)
  @Query(() => KnowledgeArticle, { nullable: true })
  knowledgeArticle(@Ctx() ctx: RequestContext, @Args('slug') slug: string): Promise<KnowledgeArticle | null> {
    return this.knowledge.bySlug(ctx, slug);
  }

  @Allow(Permission.ManageCatalogue)
  @Mutation(() => KnowledgeArticle, { description: 'Creates or updates an article (administrators; audited).' })
  saveKnowledgeArticle(@Ctx() ctx: RequestContext, @Args('input') input: SaveKnowledgeArticleInput): Promise<KnowledgeArticle> {
    return this.knowledge.save(ctx, input);
  }
}

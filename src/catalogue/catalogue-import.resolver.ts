import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { CatalogueImport } from './catalogue-import.entity.js';
import { CatalogueTransferService } from './catalogue-transfer.service.js';

/** The progress of catalogue imports (started with POST /api/imports/catalogue), for the administration screen. */
@Resolver(() => CatalogueImport)
export class CatalogueImportResolver {
  constructor(private readonly transfer: CatalogueTransferService) {}

  @Allow(Permission.ManageCatalogue)
  @Query(() => CatalogueImport, { nullable: true, description: 'One catalogue import and its progress (rows done of total, errors by row and column).' })
  async catalogueImport(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<CatalogueImport | null> {
    return (await this.transfer.find(ctx, id)) ?? null;
  }

  @Allow(Permission.ManageCatalogue)
  @Query(() => [CatalogueImport], { description: 'The latest catalogue imports, newest first (10 by default, at most 50).' })
  catalogueImports(@Ctx() ctx: RequestContext, @Args('first', { type: () => Int, nullable: true }) first?: number | null): Promise<CatalogueImport[]> {
    return this.transfer.recent(ctx, first);
  }
}

import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import type { CatalogueImport } from './catalogue-import.entity.js';
import { CatalogueImportNode, CatalogueImportStatus } from './dto/catalogue-import.types.js';
import { CatalogueTransferService } from './catalogue-transfer.service.js';

/** The progress of catalogue imports (started with POST /api/imports/catalogue), for the administration screen. */
@Resolver(() => CatalogueImportNode)
export class CatalogueImportResolver {
  constructor(private readonly transfer: CatalogueTransferService) {}

  @Allow(Permission.ManageCatalogue)
  @Query(() => CatalogueImportNode, { nullable: true, description: 'One catalogue import and its progress (rows done of total, errors by row and column).' })
  async catalogueImport(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<CatalogueImportNode | null> {
    const found = await this.transfer.find(ctx, id);
    return found ? node(found) : null;
  }

  @Allow(Permission.ManageCatalogue)
  @Query(() => [CatalogueImportNode], { description: 'The latest catalogue imports, newest first (10 by default, at most 50).' })
  async catalogueImports(@Ctx() ctx: RequestContext, @Args('first', { type: () => Int, nullable: true }) first?: number | null): Promise<CatalogueImportNode[]> {
    return (await this.transfer.recent(ctx, first)).map(node);
  }
}

function node(i: CatalogueImport): CatalogueImportNode {
  return { ...i, status: i.status as CatalogueImportStatus, errors: i.errors.map((e) => ({ row: e.row, sheet: e.sheet ?? null, column: e.column, message: e.message })) };
}

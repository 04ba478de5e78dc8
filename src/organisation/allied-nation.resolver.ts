import { Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { AlliedNationService } from './allied-nation.service.js';
import { AlliedNation } from './allied-nation.type.js';

@Resolver(() => AlliedNation)
export class AlliedNationResolver {
  constructor(private readonly nations: AlliedNationService) {}

  @Allow(Permission.Authenticated)
  @Query(() => [AlliedNation], { description: 'The Allies (NATO member nations), by English name.' })
  alliedNations(@Ctx() ctx: RequestContext): Promise<AlliedNation[]> {
    return this.nations.list(ctx);
  }
}

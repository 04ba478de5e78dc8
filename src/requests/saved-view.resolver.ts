import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { SavedViewService } from './saved-view.service.js';
import { SavedView, SaveViewInput } from './saved-view.types.js';

@Resolver(() => SavedView)
export class SavedViewResolver {
  constructor(private readonly views: SavedViewService) {}

  @Allow(Permission.TriageRequests)
  @Query(() => [SavedView], { description: 'Your own saved views of the triage queue, by name.' })
  savedViews(@Ctx() ctx: RequestContext): Promise<SavedView[]> {
    return this.views.list(ctx);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => SavedView, { description: 'Saves a view of the queue for you; an existing name is replaced.' })
  saveView(@Ctx() ctx: RequestContext, @Args('input') input: SaveViewInput): Promise<SavedView> {
    return this.views.save(ctx, input);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => Boolean, { description: 'Deletes one of your saved views.' })
  deleteSavedView(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.views.delete(ctx, id);
  }
}

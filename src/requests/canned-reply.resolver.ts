import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { Section } from '../organisation/section.entity.js';
import { CannedReplyInput, ManagedCannedReply } from './canned-reply.js';
import { CannedReplyService } from './canned-reply.service.js';

@Resolver(() => ManagedCannedReply)
export class CannedReplyResolver {
  constructor(
    private readonly replies: CannedReplyService,
    private readonly organisation: OrganisationLoaders,
  ) {}

  @Allow(Permission.TriageRequests, Permission.ManageReferenceData)
  @Query(() => [ManagedCannedReply], {
    description: "Canned replies to manage: every section's and your sections' for section staff and coordinators, all of them for administrators.",
  })
  cannedReplies(@Ctx() ctx: RequestContext): Promise<ManagedCannedReply[]> {
    return this.replies.list(ctx);
  }

  @Allow(Permission.TriageRequests, Permission.ManageReferenceData)
  @Mutation(() => ManagedCannedReply, {
    description: "Creates or replaces a canned reply (English and French): section staff for their sections, administrators for any section or every section. Audited.",
  })
  saveCannedReply(@Ctx() ctx: RequestContext, @Args('input') input: CannedReplyInput): Promise<ManagedCannedReply> {
    return this.replies.save(ctx, input);
  }

  @Allow(Permission.TriageRequests, Permission.ManageReferenceData)
  @Mutation(() => Boolean, { description: 'Deletes a canned reply you may change. Audited.' })
  deleteCannedReply(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.replies.delete(ctx, id);
  }

  @ResolveField(() => Section, { nullable: true, description: "The section whose staff see it; null: every section's." })
  section(@Parent() r: ManagedCannedReply, @Ctx() ctx: RequestContext): Promise<Section | null> | null {
    return r.sectionId ? this.organisation.sectionById(ctx).load(r.sectionId) : null;
  }
}

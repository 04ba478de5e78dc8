import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { Partner } from '../organisation/partner.entity.js';
import { Section } from '../organisation/section.entity.js';
import { CreateUserInput, UpdateUserInput, UserAccountPayload } from './dto/user-admin.dto.js';
import { UserConnection, UserFilter } from './dto/user-list.dto.js';
import { IdentityLoaders } from './identity-loaders.js';
import { UserAdminService } from './user-admin.service.js';
import { UserListService } from './user-list.service.js';
import { User } from './user.entity.js';

@Resolver(() => User)
export class UserAdminResolver {
  constructor(
    private readonly admin: UserAdminService,
    private readonly lists: UserListService,
    private readonly loaders: IdentityLoaders,
    private readonly organisation: OrganisationLoaders,
  ) {}

  @Allow(Permission.ManageUsers)
  @Query(() => UserConnection, { description: 'Accounts, by email. Administrators only.' })
  users(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<UserConnection> {
    return this.lists.list(ctx, filter ?? {}, first, after);
  }

  @Allow(Permission.ManageUsers)
  @Query(() => User, { description: 'One account. Administrators only.' })
  user(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<User> {
    return this.admin.get(ctx, id);
  }

  @Allow(Permission.ManageUsers)
  @Mutation(() => UserAccountPayload, { description: 'Creates an account. Without a password, the payload carries a one-time set-password token.' })
  createUser(@Ctx() ctx: RequestContext, @Args('input') input: CreateUserInput): Promise<UserAccountPayload> {
    return this.admin.create(ctx, input);
  }

  @Allow(Permission.ManageUsers)
  @Mutation(() => User, { description: 'Changes an account; role changes take effect on the next request.' })
  updateUser(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateUserInput): Promise<User> {
    return this.admin.update(ctx, id, input);
  }

  @Allow(Permission.ManageUsers)
  @Mutation(() => User, { description: 'Stops an account from signing in and ends its sessions at once.' })
  deactivateUser(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<User> {
    return this.admin.deactivate(ctx, id);
  }

  @Allow(Permission.ManageUsers)
  @Mutation(() => User, { description: 'Lets a deactivated account sign in again.' })
  reactivateUser(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<User> {
    return this.admin.reactivate(ctx, id);
  }

  @Allow(Permission.ManageUsers)
  @Mutation(() => UserAccountPayload, { description: 'Voids the password, ends every session and returns a one-time set-password token.' })
  resetUserPassword(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<UserAccountPayload> {
    return this.admin.resetPassword(ctx, id);
  }

  @ResolveField(() => Partner, { nullable: true, description: 'The partner a liaison officer represents.' })
  async partner(@Ctx() ctx: RequestContext, @Parent() user: User): Promise<Partner | null> {
    return user.partnerId ? this.organisation.partnerById(ctx).load(user.partnerId) : null;
  }

  @ResolveField(() => [Section], { description: 'Sections a staff member works in.' })
  sections(@Ctx() ctx: RequestContext, @Parent() user: User): Promise<Section[]> {
    return this.loaders.sectionsOfUser(ctx).load(user.id);
  }

  @ResolveField(() => [Partner], { description: 'Partners a coordinator covers.' })
  coveredPartners(@Ctx() ctx: RequestContext, @Parent() user: User): Promise<Partner[]> {
    return this.loaders.coveredPartnersOfUser(ctx).load(user.id);
  }
}

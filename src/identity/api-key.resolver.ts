import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { Partner } from '../organisation/partner.entity.js';
import { Section } from '../organisation/section.entity.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyService } from './api-key.service.js';
import { CreateApiKeyInput, CreateApiKeyPayload } from './dto/api-key.dto.js';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly organisation: OrganisationLoaders,
  ) {}

  @Allow(Permission.ManageApiKeys)
  @Query(() => [ApiKey], { description: 'API keys, newest first (at most 500). Administrators only.' })
  apiKeys(
    @Ctx() ctx: RequestContext,
    @Args('includeRevoked', { type: () => Boolean, defaultValue: false }) includeRevoked: boolean,
  ): Promise<ApiKey[]> {
    return this.keys.list(ctx, includeRevoked);
  }

  @Allow(Permission.ManageApiKeys)
  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an integration key. The secret is in the payload and is never shown again.' })
  createApiKey(@Ctx() ctx: RequestContext, @Args('input') input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
    return this.keys.create(ctx, input);
  }

  @Allow(Permission.ManageApiKeys)
  @Mutation(() => ApiKey, { description: 'Revokes a key: it stops working on the next request.' })
  revokeApiKey(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ApiKey> {
    return this.keys.revoke(ctx, id);
  }

  @ResolveField(() => Partner, { nullable: true })
  async partner(@Ctx() ctx: RequestContext, @Parent() key: ApiKey): Promise<Partner | null> {
    return key.partnerId ? this.organisation.partnerById(ctx).load(key.partnerId) : null;
  }

  @ResolveField(() => Section, { nullable: true })
  async section(@Ctx() ctx: RequestContext, @Parent() key: ApiKey): Promise<Section | null> {
    return key.sectionId ? this.organisation.sectionById(ctx).load(key.sectionId) : null;
  }
}

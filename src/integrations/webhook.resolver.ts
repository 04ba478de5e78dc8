import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { Partner } from '../organisation/partner.entity.js';
import { Section } from '../organisation/section.entity.js';
import { WebhookAdminService } from './webhook-admin.service.js';
import {
  CreateWebhookEndpointInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
  WebhookAttemptConnection,
  WebhookEndpoint,
  WebhookEndpointConnection,
  WebhookSecretPayload,
} from './webhook.types.js';

/** Outbound webhooks: administrators (the API-key permission) register endpoints and read their delivery log. */
@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  constructor(
    private readonly service: WebhookAdminService,
    private readonly organisation: OrganisationLoaders,
  ) {}

  @Allow(Permission.ManageApiKeys)
  @Query(() => WebhookEndpointConnection, { description: 'Outbound webhook endpoints, by name. Administrators only.' })
  webhookEndpoints(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<WebhookEndpointConnection> {
    return this.service.list(ctx, first, after) as Promise<WebhookEndpointConnection>;
  }

  @Allow(Permission.ManageApiKeys)
  @Query(() => WebhookEndpoint, { nullable: true })
  webhookEndpoint(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<WebhookEndpoint | null> {
    return this.service.get(ctx, id);
  }

  @Allow(Permission.ManageApiKeys)
  @Mutation(() => WebhookSecretPayload, { description: 'Registers an endpoint. The signing secret is in the payload and is never shown again.' })
  createWebhookEndpoint(@Ctx() ctx: RequestContext, @Args('input') input: CreateWebhookEndpointInput): Promise<WebhookSecretPayload> {
    return this.service.create(ctx, input);
  }

  @Allow(Permission.ManageApiKeys)
  @Mutation(() => WebhookEndpoint, { description: 'Renames, moves, resubscribes, disables or re-enables an endpoint.' })
  updateWebhookEndpoint(@Ctx() ctx: RequestContext, @Args('input') input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    return this.service.update(ctx, input);
  }

  @Allow(Permission.ManageApiKeys)
  @Mutation(() => WebhookSecretPayload, { description: 'A new signing secret; the old one keeps signing too for the overlap.' })
  rotateWebhookSecret(@Ctx() ctx: RequestContext, @Args('input') input: RotateWebhookSecretInput): Promise<WebhookSecretPayload> {
    return this.service.rotateSecret(ctx, input);
  }

  @Allow(Permission.ManageApiKeys)
  @Mutation(() => Boolean, { description: 'Removes an endpoint with its delivery log.' })
  deleteWebhookEndpoint(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.remove(ctx, id);
  }

  @ResolveField(() => WebhookAttemptConnection, { description: 'Delivery attempts, newest first: status code, duration, attempt number, error.' })
  deliveries(
    @Ctx() ctx: RequestContext,
    @Parent() endpoint: WebhookEndpoint,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<WebhookAttemptConnection> {
    return this.service.attempts(ctx, endpoint.id, first, after) as Promise<WebhookAttemptConnection>;
  }

  @ResolveField(() => Partner, { nullable: true })
  partner(@Ctx() ctx: RequestContext, @Parent() endpoint: WebhookEndpoint): Promise<Partner | null> | null {
    return endpoint.partnerId ? this.organisation.partnerById(ctx).load(endpoint.partnerId) : null;
  }

  @ResolveField(() => Section, { nullable: true })
  section(@Ctx() ctx: RequestContext, @Parent() endpoint: WebhookEndpoint): Promise<Section | null> | null {
    return endpoint.sectionId ? this.organisation.sectionById(ctx).load(endpoint.sectionId) : null;
  }
}

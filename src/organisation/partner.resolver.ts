import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { ResolveDirectly } from '../common/graphql/resolve-directly.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { PartnerFilter } from './dto/partner-filter.input.js';
import { PartnershipFrameworkInput } from './dto/framework.input.js';
import { PartnerInput } from './dto/partner.input.js';
import { OrganisationAdminService } from './organisation-admin.service.js';
import { OrganisationLoaders } from './organisation-loaders.js';
import { Partner } from './partner.entity.js';
import { PartnerService } from './partner.service.js';
import { PartnershipFramework } from './partnership-framework.entity.js';
import { ProgrammeFlag } from './programme-flag.type.js';

@Resolver(() => Partner)
export class PartnerResolver {
  constructor(
    private readonly partnersService: PartnerService,
    private readonly admin: OrganisationAdminService,
    private readonly loaders: OrganisationLoaders,
  ) {}

  @Allow(Permission.ReadCatalogue)
  @Query(() => [Partner], { description: 'Partner nations and organisations, by code.' })
  partners(@Ctx() ctx: RequestContext, @Args('filter', { type: () => PartnerFilter, nullable: true }) filter?: PartnerFilter): Promise<Partner[]> {
    return this.partnersService.list(ctx, filter ?? {});
  }

  @Allow(Permission.ReadCatalogue)
  @Query(() => Partner, { nullable: true })
  partner(@Ctx() ctx: RequestContext, @Args('code') code: string): Promise<Partner | null> {
    return this.partnersService.byCode(ctx, code);
  }

  @Allow(Permission.ReadCatalogue)
  @Query(() => [PartnershipFramework])
  partnershipFrameworks(@Ctx() ctx: RequestContext): Promise<PartnershipFramework[]> {
    return this.partnersService.listFrameworks(ctx);
  }

  @Allow(Permission.ReadCatalogue)
  @Query(() => [ProgrammeFlag], { description: 'The programme flags a partner may carry and an offering may require (a controlled list).' })
  programmeFlags(@Ctx() ctx: RequestContext): Promise<ProgrammeFlag[]> {
    return this.partnersService.programmeFlags(ctx);
  }

  @Allow(Permission.ManageReferenceData)
  @Mutation(() => PartnershipFramework, { description: 'Creates a partnership framework, or renames the one with this code (audited).' })
  upsertPartnershipFramework(@Ctx() ctx: RequestContext, @Args('input') input: PartnershipFrameworkInput): Promise<PartnershipFramework> {
    return this.admin.upsertFramework(ctx, input);
  }

  @Allow(Permission.ManageReferenceData)
  @Mutation(() => Partner, { description: 'Creates a partner, or updates the one with this code (frameworks replaced).' })
  upsertPartner(@Ctx() ctx: RequestContext, @Args('input') input: PartnerInput): Promise<Partner> {
    return this.admin.upsertPartner(ctx, input);
  }

  @ResolveField(() => [PartnershipFramework])
  @ResolveDirectly()
  frameworks(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Promise<PartnershipFramework[]> {
    return this.loaders.frameworksByPartnerId(ctx).load(partner.id);
  }
}

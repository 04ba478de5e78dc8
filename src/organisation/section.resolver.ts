import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { ResolveDirectly } from '../common/graphql/resolve-directly.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { SectionInput } from './dto/section.input.js';
import { OrganisationAdminService } from './organisation-admin.service.js';
import { OrganisationLoaders } from './organisation-loaders.js';
import { Section } from './section.entity.js';
import { SectionService } from './section.service.js';

@Resolver(() => Section)
export class SectionResolver {
  constructor(
    private readonly sectionsService: SectionService,
    private readonly admin: OrganisationAdminService,
    private readonly loaders: OrganisationLoaders,
  ) {}

  @Allow(Permission.ReadCatalogue)
  @Query(() => [Section], { description: 'Every section of the organisation tree, by code; follow parent/children for the tree.' })
  sections(@Ctx() ctx: RequestContext): Promise<Section[]> {
    return this.sectionsService.list(ctx);
  }

  @Allow(Permission.ReadCatalogue)
  @Query(() => Section, { nullable: true })
  section(@Ctx() ctx: RequestContext, @Args('code') code: string): Promise<Section | null> {
    return this.sectionsService.byCode(ctx, code);
  }

  @Allow(Permission.ManageReferenceData)
  @Mutation(() => Section, { description: 'Creates a section, or updates the one with this code (including moving it in the tree).' })
  upsertSection(@Ctx() ctx: RequestContext, @Args('input') input: SectionInput): Promise<Section> {
    return this.admin.upsertSection(ctx, input);
  }

  @ResolveField(() => Section, { nullable: true })
  @ResolveDirectly()
  async parent(@Parent() section: Section, @Ctx() ctx: RequestContext): Promise<Section | null> {
    return section.parentId ? this.loaders.sectionById(ctx).load(section.parentId) : null;
  }

  @ResolveField(() => [Section])
  @ResolveDirectly()
  children(@Parent() section: Section, @Ctx() ctx: RequestContext): Promise<Section[]> {
    return this.loaders.childrenBySectionId(ctx).load(section.id);
  }
}

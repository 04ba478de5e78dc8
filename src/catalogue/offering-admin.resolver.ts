import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { OfferingIterationInput } from './dto/offering-iteration.input.js';
import { CreateOfferingInput, UpdateOfferingInput } from './dto/offering.input.js';
import { OfferingAdminService } from './offering-admin.service.js';
import { OfferingIterationAdminService } from './offering-iteration-admin.service.js';
import { OfferingIteration } from './offering-iteration.entity.js';
import { Offering } from './offering.entity.js';

@Resolver(() => Offering)
export class OfferingAdminResolver {
  constructor(
    private readonly admin: OfferingAdminService,
    private readonly iterations: OfferingIterationAdminService,
  ) {}

  @Allow(Permission.ManageCatalogue)
  @Mutation(() => Offering, { description: 'Creates an offering as a DRAFT.' })
  createOffering(@Ctx() ctx: RequestContext, @Args('input') input: CreateOfferingInput): Promise<Offering> {
    return this.admin.create(ctx, input);
  }

  @Allow(Permission.ManageCatalogue)
  @Mutation(() => Offering, { description: 'Changes an offering; fails with CONFLICT when `version` is not the current one.' })
  updateOffering(@Ctx() ctx: RequestContext, @Args('input') input: UpdateOfferingInput): Promise<Offering> {
    return this.admin.update(ctx, input);
  }

  @Allow(Permission.ManageCatalogue)
  @Mutation(() => Offering, { description: 'Makes a DRAFT or ARCHIVED offering visible to partners.' })
  publishOffering(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
  ): Promise<Offering> {
    return this.admin.publish(ctx, id, version);
  }

  @Allow(Permission.ManageCatalogue)
  @Mutation(() => Offering, { description: 'Withdraws an offering from the catalogue; its history stays.' })
  archiveOffering(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
  ): Promise<Offering> {
    return this.admin.archive(ctx, id, version);
  }

  @Allow(Permission.ManageCatalogue)
  @Mutation(() => OfferingIteration, { description: 'Adds an iteration to an offering, or changes one (with its id).' })
  upsertOfferingIteration(@Ctx() ctx: RequestContext, @Args('input') input: OfferingIterationInput): Promise<OfferingIteration> {
    return this.iterations.upsert(ctx, input);
  }
}

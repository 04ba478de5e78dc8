import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { NomineeRequirements } from './nominee-requirements.service.js';
import { NomineeRequirement, SetNomineeRequirementInput, type NomineeRequirementData } from './nominee-requirement.types.js';
import { OfferingIteration } from './offering-iteration.entity.js';
import { Offering } from './offering.entity.js';

@Resolver(() => Offering)
export class OfferingNomineeRequirementResolver {
  constructor(private readonly requirements: NomineeRequirements) {}

  @ResolveField(() => NomineeRequirement, { nullable: true, description: 'What each nominee must hold (clearance, STANAG 6001 SLP); an iteration may replace it.' })
  nomineeRequirement(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<NomineeRequirementData | null> {
    return this.requirements.byOfferingId(ctx).load(o.id);
  }

  @Allow(Permission.ManageCatalogue)
  @Mutation(() => NomineeRequirement, {
    nullable: true,
    description: 'Administrators: sets what each nominee of an offering (or of one iteration) must hold; with every requirement null, removes it. Audited.',
  })
  setNomineeRequirement(@Ctx() ctx: RequestContext, @Args('input') input: SetNomineeRequirementInput): Promise<NomineeRequirementData | null> {
    return this.requirements.set(ctx, input);
  }
}

@Resolver(() => OfferingIteration)
export class IterationNomineeRequirementResolver {
  constructor(private readonly requirements: NomineeRequirements) {}

  @ResolveField(() => NomineeRequirement, { nullable: true, description: "This iteration's own nominee requirement (null: the offering's applies)." })
  nomineeRequirement(@Parent() it: OfferingIteration, @Ctx() ctx: RequestContext): Promise<NomineeRequirementData | null> {
    return this.requirements.byIterationId(ctx).load(it.id);
  }
}

import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { CooperationArea } from './cooperation-area.entity.js';
import { CooperationAreaInput, TopicInput } from './dto/taxonomy.input.js';
import { ReleasabilityMarking } from './releasability-marking.type.js';
import { TaxonomyService } from './taxonomy.service.js';
import { Topic } from './topic.entity.js';

@Resolver(() => CooperationArea)
export class CooperationAreaResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Allow(Permission.ReadCatalogue)
  @Query(() => [CooperationArea], { description: 'The areas of cooperation, in display order.' })
  cooperationAreas(@Ctx() ctx: RequestContext): Promise<CooperationArea[]> {
    return this.taxonomy.areas(ctx);
  }

  @Allow(Permission.ReadCatalogue)
  @Query(() => [ReleasabilityMarking], { description: 'The releasability markings offerings and requests may carry (a controlled list).' })
  releasabilityMarkings(@Ctx() ctx: RequestContext): Promise<ReleasabilityMarking[]> {
    return this.taxonomy.markings(ctx);
  }

  @Allow(Permission.ManageReferenceData)
  @Mutation(() => CooperationArea, { description: 'Creates an area of cooperation, or updates the one with this code.' })
  upsertCooperationArea(@Ctx() ctx: RequestContext, @Args('input') input: CooperationAreaInput): Promise<CooperationArea> {
    return this.taxonomy.upsertArea(ctx, input);
  }
}

@Resolver(() => Topic)
export class TopicResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Allow(Permission.ReadCatalogue)
  @Query(() => [Topic], { description: 'Topic tags, by code.' })
  topics(@Ctx() ctx: RequestContext): Promise<Topic[]> {
    return this.taxonomy.topics(ctx);
  }

  @Allow(Permission.ManageReferenceData)
  @Mutation(() => Topic, { description: 'Creates a topic, or updates the one with this code.' })
  upsertTopic(@Ctx() ctx: RequestContext, @Args('input') input: TopicInput): Promise<Topic> {
    return this.taxonomy.upsertTopic(ctx, input);
  }
}

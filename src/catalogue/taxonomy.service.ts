import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import type { CooperationArea } from './cooperation-area.entity.js';
import type { CooperationAreaInput, TopicInput } from './dto/taxonomy.input.js';
import type { ReleasabilityMarking } from './releasability-marking.type.js';
import { TaxonomyRepository } from './taxonomy.repository.js';
import type { Topic } from './topic.entity.js';

/** Areas of cooperation and topics: lists and administrators' upserts by code. */
@Injectable()
export class TaxonomyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly taxonomy: TaxonomyRepository,
    private readonly audit: AuditService,
  ) {}

  areas(ctx: RequestContext): Promise<CooperationArea[]> {
    return this.taxonomy.listAreas(ctx);
  }

  markings(ctx: RequestContext): Promise<ReleasabilityMarking[]> {
    return this.taxonomy.markings(ctx);
  }

  topics(ctx: RequestContext): Promise<Topic[]> {
    return this.taxonomy.listTopics(ctx);
  }

  upsertArea(ctx: RequestContext, input: CooperationAreaInput): Promise<CooperationArea> {
    return this.uow.run(ctx, async (tx) => {
      const { area, created } = await this.taxonomy.upsertArea(tx, input);
      await this.audit.record(tx, created ? 'area.create' : 'area.update', { type: 'CooperationArea', id: area.id }, { code: input.code });
      return area;
    });
  }

  upsertTopic(ctx: RequestContext, input: TopicInput): Promise<Topic> {
    return this.uow.run(ctx, async (tx) => {
      const { topic, created } = await this.taxonomy.upsertTopic(tx, input);
      await this.audit.record(tx, created ? 'topic.create' : 'topic.update', { type: 'Topic', id: topic.id }, { code: input.code });
      return topic;
    });
  }
}

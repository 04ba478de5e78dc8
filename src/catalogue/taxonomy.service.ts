import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { CooperationArea } from './cooperation-area.entity.js';
import type { CooperationAreaInput, TopicInput } from './dto/taxonomy.input.js';
import { Topic } from './topic.entity.js';
import { AuditService } from '../audit/audit.service.js';

/** Areas of cooperation and topics: lists and administrators' upserts by code. */
@Injectable()
export class TaxonomyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  areas(_ctx: RequestContext): Promise<CooperationArea[]> {
    return this.dataSource.getRepository(CooperationArea).find({ order: { position: 'ASC', code: 'ASC' } });
  }

  topics(_ctx: RequestContext): Promise<Topic[]> {
    return this.dataSource.getRepository(Topic).find({ order: { code: 'ASC' } });
  }

  upsertArea(ctx: RequestContext, input: CooperationAreaInput): Promise<CooperationArea> {
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(
        `INSERT INTO cooperation_area (code, position, name_en, name_fr, description_en, description_fr) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET position = EXCLUDED.position, name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr,
           description_en = EXCLUDED.description_en, description_fr = EXCLUDED.description_fr, updated_at = now()
         RETURNING id, (xmax = 0) AS created`,
        [input.code, input.position, input.nameEn, input.nameFr, input.descriptionEn ?? null, input.descriptionFr ?? null],
      )) as { id: string; created: boolean }[];
      await this.audit.record(ctx.withTransaction(m), row.created ? 'area.create' : 'area.update', { type: 'CooperationArea', id: row.id }, { code: input.code });
      return m.findOneByOrFail(CooperationArea, { id: row.id });
    });
  }

  upsertTopic(ctx: RequestContext, input: TopicInput): Promise<Topic> {
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(
        `INSERT INTO topic (code, name_en, name_fr) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, updated_at = now()
         RETURNING id, (xmax = 0) AS created`,
        [input.code, input.nameEn, input.nameFr],
      )) as { id: string; created: boolean }[];
      await this.audit.record(ctx.withTransaction(m), row.created ? 'topic.create' : 'topic.update', { type: 'Topic', id: row.id }, { code: input.code });
      return m.findOneByOrFail(Topic, { id: row.id });
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { Sql, type StatementOptions } from '../common/database/sql.js';
import { CooperationArea } from './cooperation-area.entity.js';
import type { CooperationAreaInput, TopicInput } from './dto/taxonomy.input.js';
import { ReleasabilityMarking } from './releasability-marking.type.js';
import { Topic } from './topic.entity.js';

/** Loader batches by ids, repeated by every request that shows them: prepared once per connection. */
const PREPARED: StatementOptions = { prepare: true };

/** Areas of cooperation and topics (each its own small aggregate): plain SQL through `Sql`, named parameters. */
@Injectable()
export class TaxonomyRepository {
  private readonly areas: RowMapper<CooperationArea>;
  private readonly topics: RowMapper<Topic>;

  constructor(
    private readonly sql: Sql,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.areas = RowMapper.of(dataSource.getMetadata(CooperationArea));
    this.topics = RowMapper.of(dataSource.getMetadata(Topic));
  }

  async listAreas(ctx: RequestContext): Promise<CooperationArea[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(ctx, `SELECT ${this.areas.select('a')} FROM cooperation_area a ORDER BY a.position, a.code`);
    return rows.map((row) => this.areas.map(row, 'a_')!);
  }

  /** The controlled list of releasability markings (a catalogue reference table), in display order. */
  async markings(ctx: RequestContext): Promise<ReleasabilityMarking[]> {
    const rows = await this.sql.rows<ReleasabilityMarking>(
      ctx,
      'SELECT code, scope, label_en AS "labelEn", label_fr AS "labelFr", position FROM releasability_marking ORDER BY position, code',
    );
    return rows.map((row) => Object.assign(new ReleasabilityMarking(), row));
  }

  async listTopics(ctx: RequestContext): Promise<Topic[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(ctx, `SELECT ${this.topics.select('t')} FROM topic t ORDER BY t.code`);
    return rows.map((row) => this.topics.map(row, 't_')!);
  }

  async areasByIds(ctx: RequestContext, ids: readonly string[]): Promise<CooperationArea[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(ctx, `SELECT ${this.areas.select('a')} FROM cooperation_area a WHERE a.id = ANY(:ids::uuid[])`, { ids: [...ids] }, PREPARED);
    return rows.map((row) => this.areas.map(row, 'a_')!);
  }

  async topicsByIds(ctx: RequestContext, ids: readonly string[]): Promise<Topic[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(ctx, `SELECT ${this.topics.select('t')} FROM topic t WHERE t.id = ANY(:ids::uuid[])`, { ids: [...ids] }, PREPARED);
    return rows.map((row) => this.topics.map(row, 't_')!);
  }

  async areaIdByCode(ctx: RequestContext, code: string): Promise<string | undefined> {
    return (await this.sql.one<{ id: string }>(ctx, 'SELECT id FROM cooperation_area WHERE code = :code', { code }))?.id;
  }

  async topicIdByCode(ctx: RequestContext, code: string): Promise<string | undefined> {
    return (await this.sql.one<{ id: string }>(ctx, 'SELECT id FROM topic WHERE code = :code', { code }))?.id;
  }

  /** Inserts or updates by code; `created` tells which. */
  async upsertArea(ctx: RequestContext, input: CooperationAreaInput): Promise<{ area: CooperationArea; created: boolean }> {
    const row = await this.sql.one<Record<string, unknown>>(
      ctx,
      `INSERT INTO cooperation_area AS a (code, position, name_en, name_fr, description_en, description_fr)
       VALUES (:code, :position, :nameEn, :nameFr, :descriptionEn, :descriptionFr)
       ON CONFLICT (code) DO UPDATE SET position = EXCLUDED.position, name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr,
         description_en = EXCLUDED.description_en, description_fr = EXCLUDED.description_fr, updated_at = now()
       RETURNING ${this.areas.select('a')}, (a.xmax = 0) AS created`,
      { code: input.code, position: input.position, nameEn: input.nameEn, nameFr: input.nameFr, descriptionEn: input.descriptionEn ?? null, descriptionFr: input.descriptionFr ?? null },
    );
    return { area: this.areas.map(row!, 'a_')!, created: row!.created as boolean };
  }

  async upsertTopic(ctx: RequestContext, input: TopicInput): Promise<{ topic: Topic; created: boolean }> {
    const row = await this.sql.one<Record<string, unknown>>(
      ctx,
      `INSERT INTO topic AS t (code, name_en, name_fr) VALUES (:code, :nameEn, :nameFr)
       ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, updated_at = now()
       RETURNING ${this.topics.select('t')}, (t.xmax = 0) AS created`,
      { code: input.code, nameEn: input.nameEn, nameFr: input.nameFr },
    );
    return { topic: this.topics.map(row!, 't_')!, created: row!.created as boolean };
  }
}

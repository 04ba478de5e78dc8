import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { Sql } from '../common/database/sql.js';
import type { RoutingCriteria } from './routing-matcher.js';
import { RoutingRule } from './routing-rule.entity.js';

/** The columns of a rule an administrator sets. */
export interface RoutingRuleRow {
  name: string;
  offering_id: string | null;
  offering_kind: string | null;
  area_id: string | null;
  topic_id: string | null;
  partner_id: string | null;
  framework_id: string | null;
  target_section_id: string;
}

/** Routing rules (an aggregate of their own, ordered by a deferred-unique position): plain SQL through `Sql`. */
@Injectable()
export class RoutingRuleRepository {
  private readonly rules: RowMapper<RoutingRule>;

  constructor(
    private readonly sql: Sql,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.rules = RowMapper.of(dataSource.getMetadata(RoutingRule));
  }

  async list(ctx: RequestContext): Promise<RoutingRule[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(ctx, `SELECT ${this.rules.select('x')} FROM routing_rule x ORDER BY x.position`);
    return rows.map((row) => this.rules.map(row, 'x_')!);
  }

  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<RoutingRule[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(ctx, `SELECT ${this.rules.select('x')} FROM routing_rule x WHERE x.id = ANY(:ids::uuid[])`, { ids: [...ids] });
    return rows.map((row) => this.rules.map(row, 'x_')!);
  }

  async findById(ctx: RequestContext, id: string): Promise<RoutingRule | undefined> {
    return (await this.byIds(ctx, [id]))[0];
  }

  /** The criteria of every rule, first tried first (for a routing decision). */
  criteria(ctx: RequestContext): Promise<RoutingCriteria[]> {
    return this.sql.rows<RoutingCriteria>(
      ctx,
      `SELECT id, position, offering_id AS "offeringId", offering_kind AS "offeringKind", area_id AS "areaId", topic_id AS "topicId",
              partner_id AS "partnerId", framework_id AS "frameworkId", target_section_id AS "targetSectionId"
         FROM routing_rule ORDER BY position`,
    );
  }

  /** Rule edits that shift positions run one at a time (until the unit of work ends). */
  async lockPositions(ctx: RequestContext): Promise<void> {
    await this.sql.one(ctx, `SELECT pg_advisory_xact_lock(hashtext('routing_rule.positions'))`);
  }

  async count(ctx: RequestContext): Promise<number> {
    return (await this.sql.one<{ count: number }>(ctx, 'SELECT count(*)::int AS count FROM routing_rule'))!.count;
  }

  async ids(ctx: RequestContext): Promise<string[]> {
    return (await this.sql.rows<{ id: string }>(ctx, 'SELECT id FROM routing_rule')).map((r) => r.id);
  }

  /** Inserts the rule at `position`, moving the rules at and after it down one. */
  async insertAt(ctx: RequestContext, position: number, row: RoutingRuleRow): Promise<string> {
    await this.sql.execute(ctx, 'UPDATE routing_rule SET position = position + 1 WHERE position >= :position', { position });
    const inserted = await this.sql.one<{ id: string }>(
      ctx,
      `INSERT INTO routing_rule (position, name, offering_id, offering_kind, area_id, topic_id, partner_id, framework_id, target_section_id)
       VALUES (:position, :name, :offering_id, :offering_kind, :area_id, :topic_id, :partner_id, :framework_id, :target_section_id) RETURNING id`,
      { ...row, position },
    );
    return inserted!.id;
  }

  /** Changes the rule when its version is still `expectedVersion`; false when no row matched. */
  async update(ctx: RequestContext, id: string, expectedVersion: number, row: RoutingRuleRow): Promise<boolean> {
    const touched = await this.sql.execute(
      ctx,
      `UPDATE routing_rule SET name = :name, offering_id = :offering_id, offering_kind = :offering_kind, area_id = :area_id, topic_id = :topic_id,
              partner_id = :partner_id, framework_id = :framework_id, target_section_id = :target_section_id, version = version + 1, updated_at = now()
        WHERE id = :id AND version = :expectedVersion`,
      { ...row, id, expectedVersion },
    );
    return touched === 1;
  }

  async version(ctx: RequestContext, id: string): Promise<number | undefined> {
    return (await this.sql.one<{ version: number }>(ctx, 'SELECT version FROM routing_rule WHERE id = :id', { id }))?.version;
  }

  /** Puts the rules in the order of `ids` (the deferred unique position constraint checks the permutation at commit). */
  async reorder(ctx: RequestContext, ids: string[]): Promise<void> {
    await this.sql.execute(
      ctx,
      `UPDATE routing_rule r SET position = o.ord, version = version + 1, updated_at = now()
         FROM unnest(:ids::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE r.id = o.id AND r.position <> o.ord`,
      { ids },
    );
  }

  /** Deletes the rule and closes the gap; its name, or undefined when there was none. */
  async delete(ctx: RequestContext, id: string): Promise<string | undefined> {
    const deleted = await this.sql.one<{ position: number; name: string }>(ctx, 'DELETE FROM routing_rule WHERE id = :id RETURNING position, name', { id });
    if (!deleted) return undefined;
    await this.sql.execute(ctx, 'UPDATE routing_rule SET position = position - 1 WHERE position > :position', { position: deleted.position });
    return deleted.name;
  }
}

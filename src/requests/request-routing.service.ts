import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import type { CreateRoutingRuleInput, RoutingRuleInput, UpdateRoutingRuleInput } from './dto/routing-rule.inputs.js';
import { decideRoute, type RoutingCriteria, type RoutingDecision, type RoutingFacts } from './routing-matcher.js';
import { RoutingRule } from './routing-rule.entity.js';

const RULE_COLUMNS = `id, position, offering_id AS "offeringId", offering_kind AS "offeringKind", area_id AS "areaId", topic_id AS "topicId",
  partner_id AS "partnerId", framework_id AS "frameworkId", target_section_id AS "targetSectionId"`;

/** Routing rules (administrators) and the routing decision for a request. */
@Injectable()
export class RequestRoutingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Decides the section for a request about to be submitted, inside the submission's transaction. */
  async decide(m: EntityManager, request: { partnerId: string; offeringId: string | null; areaId: string | null }): Promise<RoutingDecision> {
    const [facts] = (await m.query(
      `SELECT o.kind AS "offeringKind", o.owning_section_id AS "owningSectionId",
              ARRAY(SELECT oa.area_id::text FROM offering_area oa WHERE oa.offering_id = o.id) AS "areaIds",
              ARRAY(SELECT ot.topic_id::text FROM offering_topic ot WHERE ot.offering_id = o.id) AS "topicIds",
              ARRAY(SELECT pf.framework_id::text FROM partner_framework pf WHERE pf.partner_id = $1) AS "frameworkIds",
              (SELECT s.id FROM section s WHERE s.code = $3) AS "defaultSectionId"
         FROM (SELECT 1) one LEFT JOIN offering o ON o.id = $2`,
      [request.partnerId, request.offeringId, this.config.DEFAULT_SECTION_CODE],
    )) as Array<{ offeringKind: string | null; owningSectionId: string | null; areaIds: string[]; topicIds: string[]; frameworkIds: string[]; defaultSectionId: string | null }>;
    const rules = (await m.query(`SELECT ${RULE_COLUMNS} FROM routing_rule ORDER BY position`)) as RoutingCriteria[];
    const routingFacts: RoutingFacts = {
      offeringId: request.offeringId,
      offeringKind: facts!.offeringKind,
      areaIds: request.areaId ? [...facts!.areaIds, request.areaId] : facts!.areaIds,
      topicIds: facts!.topicIds,
      partnerId: request.partnerId,
      frameworkIds: facts!.frameworkIds,
    };
    if (!facts!.defaultSectionId && !facts!.owningSectionId && rules.length === 0) {
      throw new Error(`DEFAULT_SECTION_CODE ${this.config.DEFAULT_SECTION_CODE} names no section`);
    }
    return decideRoute(rules, routingFacts, facts!.owningSectionId, facts!.defaultSectionId ?? '');
  }

  list(): Promise<RoutingRule[]> {
    return this.dataSource.getRepository(RoutingRule).find({ order: { position: 'ASC' } });
  }

  create(ctx: RequestContext, input: CreateRoutingRuleInput): Promise<RoutingRule> {
    return this.dataSource.transaction(async (m) => {
      await this.lockRules(m);
      const columns = await this.resolveCriteria(m, input);
      const [{ count }] = (await m.query('SELECT count(*)::int AS count FROM routing_rule')) as { count: number }[];
      const position = Math.min(input.position ?? count + 1, count + 1);
      await m.query('UPDATE routing_rule SET position = position + 1 WHERE position >= $1', [position]);
      const [row] = (await m.query(
        `INSERT INTO routing_rule (position, name, offering_id, offering_kind, area_id, topic_id, partner_id, framework_id, target_section_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [position, input.name, columns.offeringId, columns.offeringKind, columns.areaId, columns.topicId, columns.partnerId, columns.frameworkId, columns.targetSectionId],
      )) as { id: string }[];
      await this.audit.record(ctx, 'routingRule.create', { type: 'RoutingRule', id: row!.id }, { name: input.name, position, targetSectionCode: input.targetSectionCode }, m);
      return m.findOneByOrFail(RoutingRule, { id: row!.id });
    });
  }

  update(ctx: RequestContext, input: UpdateRoutingRuleInput): Promise<RoutingRule> {
    return this.dataSource.transaction(async (m) => {
      const columns = await this.resolveCriteria(m, input);
      const [rows, changed] = (await m.query(
        `UPDATE routing_rule SET name = $3, offering_id = $4, offering_kind = $5, area_id = $6, topic_id = $7, partner_id = $8, framework_id = $9,
                target_section_id = $10, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING id`,
        [input.id, input.expectedVersion, input.name, columns.offeringId, columns.offeringKind, columns.areaId, columns.topicId, columns.partnerId, columns.frameworkId, columns.targetSectionId],
      )) as [unknown[], number];
      if (changed !== 1 || rows.length !== 1) await this.conflictOrMissing(m, input.id);
      await this.audit.record(ctx, 'routingRule.update', { type: 'RoutingRule', id: input.id }, { name: input.name, targetSectionCode: input.targetSectionCode }, m);
      return m.findOneByOrFail(RoutingRule, { id: input.id });
    });
  }

  /** `ids` lists every rule once, in the new order. */
  reorder(ctx: RequestContext, ids: string[]): Promise<RoutingRule[]> {
    return this.dataSource.transaction(async (m) => {
      await this.lockRules(m);
      const current = (await m.query('SELECT id FROM routing_rule')) as { id: string }[];
      const known = new Set(current.map((r) => r.id));
      if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
        throw DomainError.badInput(`ids must list every routing rule exactly once (there are ${known.size}), in the new order.`, 'ids');
      }
      // The unique position constraint is deferred, so the permutation is checked at commit.
      await m.query(
        `UPDATE routing_rule r SET position = o.ord, version = version + 1, updated_at = now()
           FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE r.id = o.id AND r.position <> o.ord`,
        [ids],
      );
      await this.audit.record(ctx, 'routingRule.reorder', null, { ids }, m);
      return m.getRepository(RoutingRule).find({ order: { position: 'ASC' } });
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    // The id column is a uuid: anything else would fail in SQL instead of being refused.
    if (!isUUID(id)) throw DomainError.badInput(`id must be a routing rule id (a UUID); got ${JSON.stringify(id.slice(0, 60))}.`, 'id');
    return this.dataSource.transaction(async (m) => {
      await this.lockRules(m);
      const [rows] = (await m.query('DELETE FROM routing_rule WHERE id = $1 RETURNING position, name', [id])) as [Array<{ position: number; name: string }>, number];
      const deleted = rows[0];
      if (!deleted) throw DomainError.notFound('Routing rule');
      await m.query('UPDATE routing_rule SET position = position - 1 WHERE position > $1', [deleted.position]);
      await this.audit.record(ctx, 'routingRule.delete', { type: 'RoutingRule', id }, { name: deleted.name }, m);
      return true;
    });
  }

  /** Rule edits that shift positions run one at a time. */
  private async lockRules(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('routing_rule.positions'))`);
  }

  private async conflictOrMissing(m: EntityManager, id: string): Promise<never> {
    const [row] = (await m.query('SELECT version FROM routing_rule WHERE id = $1', [id])) as { version: number }[];
    if (!row) throw DomainError.notFound('Routing rule');
    throw DomainError.conflict(`The routing rule was changed by someone else (now version ${row.version}). Reload it and apply your change again.`, {
      currentVersion: row.version,
    });
  }

  /** Codes → ids; an unknown code is bad input naming the field. */
  private async resolveCriteria(m: EntityManager, input: RoutingRuleInput) {
    const [row] = (await m.query(
      `SELECT (SELECT id FROM section WHERE code = $1) AS "targetSectionId",
              (SELECT id FROM offering WHERE id = $2::uuid) AS "offeringId",
              (SELECT id FROM cooperation_area WHERE code = $3) AS "areaId",
              (SELECT id FROM topic WHERE code = $4) AS "topicId",
              (SELECT id FROM partner WHERE code = $5) AS "partnerId",
              (SELECT id FROM partnership_framework WHERE code = $6) AS "frameworkId"`,
      [input.targetSectionCode, input.offeringId ?? null, input.areaCode ?? null, input.topicCode ?? null, input.partnerCode ?? null, input.frameworkCode ?? null],
    )) as Array<Record<'targetSectionId' | 'offeringId' | 'areaId' | 'topicId' | 'partnerId' | 'frameworkId', string | null>>;
    const r = row!;
    const unknown = (field: string, value: string) => DomainError.badInput(`input.${field} ${JSON.stringify(value)} does not exist.`, 'input');
    if (!r.targetSectionId) throw unknown('targetSectionCode', input.targetSectionCode);
    if (input.offeringId && !r.offeringId) throw unknown('offeringId', input.offeringId);
    if (input.areaCode && !r.areaId) throw unknown('areaCode', input.areaCode);
    if (input.topicCode && !r.topicId) throw unknown('topicCode', input.topicCode);
    if (input.partnerCode && !r.partnerId) throw unknown('partnerCode', input.partnerCode);
    if (input.frameworkCode && !r.frameworkId) throw unknown('frameworkCode', input.frameworkCode);
    return { ...r, targetSectionId: r.targetSectionId, offeringKind: input.offeringKind ?? null };
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { JsonSchema } from './request-fields.js';

export interface RequestFieldSchemaRow {
  id: string;
  offeringKind: string | null;
  offeringId: string | null;
  schema: JsonSchema;
  version: number;
  updatedAt: Date;
}

const COLUMNS = 'id, offering_kind AS "offeringKind", offering_id AS "offeringId", schema, version, updated_at AS "updatedAt"';

/** request_field_schema (issue #15 item 1): every statement on it. An offering's own schema overrides its kind's. */
@Injectable()
export class RequestFieldSchemaRepository {
  constructor(private readonly sql: Sql) {}

  /** The schema that applies to a request for this offering (its own, else its kind's), with the database's today. */
  async effective(ctx: RequestContext, offeringId: string | null, kind: string | null): Promise<{ row: RequestFieldSchemaRow | undefined; today: string }> {
    const row = await this.sql.one<RequestFieldSchemaRow & { today: string; found: boolean }>(
      ctx,
      `SELECT current_date::text AS today, s.id IS NOT NULL AS found, s.id, s."offeringKind", s."offeringId", s.schema, s.version, s."updatedAt"
         FROM (SELECT 1) one LEFT JOIN LATERAL (
           SELECT ${COLUMNS} FROM request_field_schema
            WHERE offering_id = :offeringId::uuid OR offering_kind = :kind::text
            ORDER BY offering_id IS NULL LIMIT 1) s ON true`,
      { offeringId, kind },
    );
    const { today, found, ...rest } = row!;
    return { row: found ? rest : undefined, today };
  }

  list(ctx: RequestContext): Promise<RequestFieldSchemaRow[]> {
    return this.sql.rows(ctx, `SELECT ${COLUMNS} FROM request_field_schema ORDER BY offering_kind NULLS LAST, offering_id`);
  }

  /** Replaces (or creates) the kind's or the offering's schema; its version counts replacements. */
  async put(ctx: RequestContext, subject: { kind: string } | { offeringId: string }, schema: JsonSchema, userId: string | null): Promise<RequestFieldSchemaRow> {
    const byKind = 'kind' in subject;
    return (await this.sql.one<RequestFieldSchemaRow>(
      ctx,
      `INSERT INTO request_field_schema AS s (offering_kind, offering_id, schema, updated_by) VALUES (:kind, :offeringId, :schema, :userId)
       ON CONFLICT (${byKind ? 'offering_kind) WHERE offering_kind IS NOT NULL' : 'offering_id) WHERE offering_id IS NOT NULL'}
       DO UPDATE SET schema = EXCLUDED.schema, updated_by = EXCLUDED.updated_by, updated_at = now(), version = s.version + 1
       RETURNING ${COLUMNS}`,
      { kind: byKind ? subject.kind : null, offeringId: byKind ? null : subject.offeringId, schema: JSON.stringify(schema), userId },
    ))!;
  }

  /** Removes the kind's or the offering's schema; whether there was one. */
  async remove(ctx: RequestContext, subject: { kind: string } | { offeringId: string }): Promise<boolean> {
    const byKind = 'kind' in subject;
    return (await this.sql.execute(ctx, `DELETE FROM request_field_schema WHERE ${byKind ? 'offering_kind = :key' : 'offering_id = :key::uuid'}`, { key: byKind ? subject.kind : subject.offeringId })) > 0;
  }
}

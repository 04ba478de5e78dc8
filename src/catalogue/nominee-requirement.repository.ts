import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { ClearanceLevel, NomineeRequirementData } from './nominee-requirement.types.js';

interface RequirementRow {
  key: string;
  min_clearance: ClearanceLevel | null;
  language: string | null;
  min_slp: string | null;
}

const COLUMNS = `min_clearance, language,
  CASE WHEN language IS NULL THEN NULL ELSE concat(min_listening, min_speaking, min_reading, min_writing) END AS min_slp`;

function toData(row: RequirementRow): NomineeRequirementData {
  return { minClearance: row.min_clearance, language: row.language, minSlp: row.min_slp };
}

/** nominee_requirement: one row per offering or per iteration (plain SQL through `Sql`). */
@Injectable()
export class NomineeRequirementRepository {
  constructor(private readonly sql: Sql) {}

  async byOfferingIds(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, NomineeRequirementData>> {
    const rows = await this.sql.rows<RequirementRow>(ctx, `SELECT offering_id AS key, ${COLUMNS} FROM nominee_requirement WHERE offering_id = ANY(:ids::uuid[])`, { ids: [...ids] });
    return new Map(rows.map((r) => [r.key, toData(r)]));
  }

  async byIterationIds(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, NomineeRequirementData>> {
    const rows = await this.sql.rows<RequirementRow>(ctx, `SELECT iteration_id AS key, ${COLUMNS} FROM nominee_requirement WHERE iteration_id = ANY(:ids::uuid[])`, { ids: [...ids] });
    return new Map(rows.map((r) => [r.key, toData(r)]));
  }

  /** The requirement that applies to a course: the iteration's own, else the offering's, else none. */
  async effective(ctx: RequestContext, offeringId: string, iterationId: string | null): Promise<NomineeRequirementData | null> {
    const row = await this.sql.one<RequirementRow>(
      ctx,
      `SELECT 'x' AS key, ${COLUMNS} FROM nominee_requirement
        WHERE offering_id = :offeringId OR (iteration_id = :iterationId::uuid)
        ORDER BY iteration_id IS NULL LIMIT 1`,
      { offeringId, iterationId },
    );
    return row ? toData(row) : null;
  }

  /** Whether the iteration exists, and its offering. */
  async iterationOffering(ctx: RequestContext, iterationId: string): Promise<string | undefined> {
    return (await this.sql.one<{ offering_id: string }>(ctx, 'SELECT offering_id FROM offering_iteration WHERE id = :iterationId', { iterationId }))?.offering_id;
  }

  async offeringExists(ctx: RequestContext, offeringId: string): Promise<boolean> {
    return (await this.sql.one(ctx, 'SELECT 1 FROM offering WHERE id = :offeringId', { offeringId })) !== undefined;
  }

  async upsert(ctx: RequestContext, target: { offeringId: string | null; iterationId: string | null }, req: NomineeRequirementData): Promise<void> {
    const digits = req.minSlp ? [...req.minSlp].map(Number) : [null, null, null, null];
    const params = {
      offeringId: target.offeringId,
      iterationId: target.iterationId,
      minClearance: req.minClearance,
      language: req.language,
      l: digits[0],
      s: digits[1],
      r: digits[2],
      w: digits[3],
    };
    const conflict = target.offeringId ? 'offering_id' : 'iteration_id';
    await this.sql.execute(
      ctx,
      `INSERT INTO nominee_requirement (offering_id, iteration_id, min_clearance, language, min_listening, min_speaking, min_reading, min_writing)
       VALUES (:offeringId, :iterationId, :minClearance, :language, :l, :s, :r, :w)
       ON CONFLICT (${conflict}) DO UPDATE SET min_clearance = EXCLUDED.min_clearance, language = EXCLUDED.language,
         min_listening = EXCLUDED.min_listening, min_speaking = EXCLUDED.min_speaking, min_reading = EXCLUDED.min_reading,
         min_writing = EXCLUDED.min_writing, updated_at = now()`,
      params,
    );
  }

  async remove(ctx: RequestContext, target: { offeringId: string | null; iterationId: string | null }): Promise<void> {
    await this.sql.execute(ctx, 'DELETE FROM nominee_requirement WHERE offering_id = :offeringId::uuid OR iteration_id = :iterationId::uuid', target);
  }
}

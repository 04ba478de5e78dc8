import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { AlliedNation } from './allied-nation.type.js';

/** allied_nation: reference data seeded by migration; every statement on it is here. */
@Injectable()
export class AlliedNationRepository {
  constructor(private readonly sql: Sql) {}

  list(ctx: RequestContext): Promise<Array<Omit<AlliedNation, 'name'>>> {
    return this.sql.rows(ctx, 'SELECT code, name_en AS "nameEn", name_fr AS "nameFr", member_since AS "memberSince" FROM allied_nation ORDER BY name_en', {}, { prepare: true });
  }
}

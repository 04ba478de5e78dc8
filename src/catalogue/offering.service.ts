import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { DomainError } from '../common/errors/domain-error.js';
import { Offering } from './offering.entity.js';
import { visibleStatuses } from './offering-visibility.js';
import { readRows } from '../common/database/read-rows.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One offering by id or code, with the same visibility rule as the list. */
@Injectable()
export class OfferingService {
  constructor(@InjectRepository(Offering) private readonly offerings: Repository<Offering>) {}

  async find(ctx: RequestContext, id: string | null | undefined, code: string | null | undefined): Promise<Offering | null> {
    if (!id && !code) throw DomainError.badInput('Give the offering id or its code.', 'id');
    if (id && !UUID.test(id)) throw DomainError.badInput(`id is not an offering id: ${JSON.stringify(id)}.`, 'id');
    // Plain SQL and a hand-mapped row: the detail page is a hot read path.
    const mapper = RowMapper.of<Offering>(this.offerings.metadata);
    const conditions = ['o.status = ANY($1)'];
    const params: unknown[] = [visibleStatuses(ctx)];
    if (id) conditions.push(`o.id = $${params.push(id)}`);
    if (code) conditions.push(`o.code = $${params.push(code)}`);
    const rows = await readRows(this.offerings, `SELECT ${mapper.select('o')} FROM offering o WHERE ${conditions.join(' AND ')} LIMIT 1`, params);
    return rows.length ? mapper.map(rows[0]!, 'o_')! : null;
  }
}

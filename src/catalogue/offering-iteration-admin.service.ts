import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { OfferingIterationInput } from './dto/offering-iteration.input.js';
import { OfferingIteration } from './offering-iteration.entity.js';
import { AuditService } from '../audit/audit.service.js';

/** Administrators' edits to an offering's dated runs; seats already allocated are never taken away. */
@Injectable()
export class OfferingIterationAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  upsert(ctx: RequestContext, input: OfferingIterationInput): Promise<OfferingIteration> {
    if (input.endDate < input.startDate) throw DomainError.badInput('input.endDate must be on or after input.startDate.', 'input');
    if (input.applicationDeadline && input.applicationDeadline > input.startDate) {
      throw DomainError.badInput('input.applicationDeadline must be on or before input.startDate.', 'input');
    }
    return this.dataSource.transaction(async (m) => {
      const [offering] = (await m.query('SELECT id FROM offering WHERE id = $1', [input.offeringId])) as { id: string }[];
      if (!offering) throw DomainError.notFound('Offering');
      const values = [input.startDate, input.endDate, input.location, input.capacity ?? null, input.applicationDeadline ?? null, input.status];
      let id = input.id;
      if (id) {
        // Locked so a seat allocation running concurrently cannot slip under a reduced capacity.
        const [current] = (await m.query('SELECT seats_allocated FROM offering_iteration WHERE id = $1 AND offering_id = $2 FOR UPDATE', [id, input.offeringId])) as {
          seats_allocated: number;
        }[];
        if (!current) throw DomainError.notFound('Iteration');
        if (input.capacity !== null && input.capacity !== undefined && input.capacity < current.seats_allocated) {
          throw DomainError.conflict(`input.capacity ${input.capacity} is below the ${current.seats_allocated} seats already allocated.`, { seatsAllocated: current.seats_allocated });
        }
        await m.query(
          `UPDATE offering_iteration SET start_date = $2, end_date = $3, location = $4, capacity = $5, application_deadline = $6, status = $7, updated_at = now()
           WHERE id = $1`,
          [id, ...values],
        );
      } else {
        const [row] = (await m.query(
          `INSERT INTO offering_iteration (offering_id, start_date, end_date, location, capacity, application_deadline, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [input.offeringId, ...values],
        )) as { id: string }[];
        id = row.id;
      }
      await this.audit.record(ctx.withTransaction(m), input.id ? 'iteration.update' : 'iteration.create', { type: 'OfferingIteration', id }, { offeringId: input.offeringId });
      return m.findOneByOrFail(OfferingIteration, { id });
    });
  }
}

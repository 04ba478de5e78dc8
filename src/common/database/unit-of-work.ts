import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';

/**
 * One transaction per mutation, carried on the request context: `run(ctx, (tx) => …)` opens it and hands
 * `work` a context whose repositories all write in it, so business rows, audit rows, outbox jobs and
 * idempotency records commit together or not at all. No service passes an EntityManager by hand.
 */
@Injectable()
export class UnitOfWork {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; inside a unit of work already, `work` joins it. */
  run<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
    if (ctx.transaction) return work(ctx);
    return this.dataSource.transaction((manager) => work(ctx.withTransaction(manager)));
  }
}

import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

/**
 * pg's pool listens for errors on idle clients only. A client checked out between two statements of a
 * transaction emits 'error' when the server ends the session (restart, pg_terminate_backend); with no
 * listener that crashes the process. The statement that uses it next fails and its transaction rolls back.
 */
@Injectable()
export class ClientErrorGuard implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) return;
    const guard = (client: PoolClient) => {
      if ((client as { pcpGuarded?: boolean }).pcpGuarded) return;
      (client as { pcpGuarded?: boolean }).pcpGuarded = true;
      client.on('error', (error: Error) => this.logger.warn(`database connection lost: ${error.message}`));
    };
    pool.on('connect', guard);
    for (const client of (pool as unknown as { _clients?: PoolClient[] })._clients ?? []) guard(client);
  }
}

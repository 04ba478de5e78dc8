import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { entities } from './entities.js';
import { appPgTypes } from './pg-types.js';

/** The one definition of how we talk to PostgreSQL, shared by Nest, the TypeORM CLI and tests. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: 'partner-cooperation-portal',
    poolSize,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5_000,
      // Bounded so a stuck statement fails the request instead of holding a connection forever.
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
      types: appPgTypes,
    },
  };
}

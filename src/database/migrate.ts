import 'reflect-metadata';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { QUEUES } from '../notifications/queues.js';
import { dataSourceOptions } from './data-source-options.js';

// Any constant works; it only has to be the same in every instance of the app.
const MIGRATION_LOCK_KEY = 7_311_911_042;

/**
 * Applies pending migrations under an advisory lock, so several instances starting together apply each
 * migration once. Returns the names of the migrations applied.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await installJobQueue(url);
      return applied.map((m) => m.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await dataSource.destroy();
  }
}

/**
 * pg-boss's schema and queue tables are made here, by the owner, so they are owned like every other table
 * and covered by the app role's grants (AppRole1764200000000): the app starts pg-boss with `migrate: false`,
 * and a queue that exists is only looked up. Idempotent; pg-boss migrates its own schema when upgraded.
 */
async function installJobQueue(url: string): Promise<void> {
  const boss = new PgBoss({ connectionString: url, max: 1, supervise: false, schedule: false, migrate: true, application_name: 'pcp-migrate' });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    for (const queue of QUEUES) await boss.createQueue(queue, { name: queue });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

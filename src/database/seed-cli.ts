// `npm run seed`: provisions the database like `npm start` does, applies migrations, then seeds (idempotent).
import 'reflect-metadata';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { provisionDatabase } from './database-provisioner.js';
import { runMigrations } from './migrate.js';
import { seedDatabase } from './seed/seed.js';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nFix these environment variables and run again.\n`);
      return 78; // EX_CONFIG
    }
    throw e;
  }
  const log = pino({ level: config.LOG_LEVEL, base: { component: 'seed' } });
  const database = await provisionDatabase(config, log);
  try {
    // As the owner, like the app's start (README, "Database roles").
    const ownerUrl = config.DATABASE_MIGRATION_URL ?? database.url;
    const applied = await runMigrations(ownerUrl);
    if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
    const result = await seedDatabase(ownerUrl, { sampleCatalogue: config.SEED_SAMPLE_CATALOGUE });
    log.info(
      { referenceRowsAdded: result.referenceRows, offeringsAdded: result.offerings, sampleCatalogue: config.SEED_SAMPLE_CATALOGUE },
      'seed complete',
    );
    return 0;
  } catch (e) {
    log.fatal({ err: e }, 'seed failed');
    return 1;
  } finally {
    await database.release();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
    process.exit(1);
  },
);

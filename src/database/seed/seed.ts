import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options.js';
import { seedReferenceData } from './reference-data.seed.js';
import { seedSampleCatalogue } from './sample-catalogue.seed.js';

// Serialises seeding across instances starting together (any constant, distinct from the migration lock).
const SEED_LOCK_KEY = 7_311_911_300;

export interface SeedOptions {
  /** Load the sample offerings too (SEED_SAMPLE_CATALOGUE). */
  sampleCatalogue: boolean;
  /** Start-up seeding: do nothing when reference data is already there (an administrator may have edited it). */
  onlyIfEmpty?: boolean;
  /** The day iteration dates are relative to. */
  today?: Date;
}

export interface SeedResult {
  skipped: boolean;
  referenceRows: number;
  offerings: number;
}

/** Loads the reference data and (optionally) the sample catalogue, in one transaction. Idempotent. */
export async function seedDatabase(url: string, options: SeedOptions): Promise<SeedResult> {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  try {
    return await dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      if (options.onlyIfEmpty) {
        const [{ seeded }] = (await m.query('SELECT EXISTS (SELECT 1 FROM partnership_framework) AS seeded')) as { seeded: boolean }[];
        if (seeded) return { skipped: true, referenceRows: 0, offerings: 0 };
      }
      const referenceRows = await seedReferenceData(m);
      const offerings = options.sampleCatalogue ? await seedSampleCatalogue(m, options.today ?? new Date()) : 0;
      return { skipped: false, referenceRows, offerings };
    });
  } finally {
    await dataSource.destroy();
  }
}

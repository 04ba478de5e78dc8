import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

export interface ProvisionedDatabase {
  url: string;
  embedded?: EmbeddedPostgres;
  /** Stops what was started here; a server given by DATABASE_URL is left alone. */
  release(): Promise<void>;
}

interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

/** DATABASE_URL when set; otherwise a real PostgreSQL started from the embedded binaries under DATA_DIR. */
export async function provisionDatabase(config: AppConfig, logger: Logger): Promise<ProvisionedDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, release: async () => undefined };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    stagingDir: config.EMBEDDED_PG_STAGING_DIR,
    log: (line) => logger.debug(`[postgres] ${line}`),
    warn: (line) => logger.warn(line),
  });
  return { url: embedded.url, embedded, release: () => embedded.stop() };
}

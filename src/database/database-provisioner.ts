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

interface SupervisionLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface ProvisionOptions {
  /**
   * Supervise the embedded server (the app; not the one-shot CLIs): restart it with backoff when it dies,
   * up to EMBEDDED_PG_MAX_RESTARTS times in a row, and call `onGiveUp` when it cannot.
   */
  supervise?: { log: SupervisionLogger; onGiveUp(error: Error): void };
}

/** DATABASE_URL when set; otherwise a real PostgreSQL started from the embedded binaries under DATA_DIR. */
export async function provisionDatabase(config: AppConfig, logger: Logger, options: ProvisionOptions = {}): Promise<ProvisionedDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, release: async () => undefined };
  const watch = options.supervise;
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    stagingDir: config.EMBEDDED_PG_STAGING_DIR,
    avoidPorts: [config.PORT],
    log: (line) => logger.debug(`[postgres] ${line}`),
    warn: (line) => logger.warn(line),
    supervise: watch && {
      maxRestarts: config.EMBEDDED_PG_MAX_RESTARTS,
      onExit: ({ reason }) => watch.log.warn({ reason }, `embedded PostgreSQL exited unexpectedly (${reason})`),
      onRestart: ({ attempt, maxRestarts, delayMs }) =>
        watch.log.warn({ attempt, maxRestarts, delayMs }, `restarting the embedded PostgreSQL in ${delayMs} ms (attempt ${attempt} of ${maxRestarts})`),
      onRecovered: ({ attempt, pid }) => watch.log.info({ attempt, pid }, 'embedded PostgreSQL restarted; the connection pool reconnects'),
      onGiveUp: (error) => watch.onGiveUp(error),
    },
  });
  return { url: embedded.url, embedded, release: () => embedded.stop() };
}

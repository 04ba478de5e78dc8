import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { provisionDatabase } from './database/database-provisioner.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nFix these environment variables and start again.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const log = pino({ level: config.LOG_LEVEL, base: { component: 'startup' } });
  let database;
  try {
    database = await provisionDatabase(config, log, {
      supervise: {
        log,
        // A server that cannot be brought back leaves the app unable to serve: exit for a supervisor to act on.
        onGiveUp: (error) => {
          log.fatal({ err: error }, 'embedded PostgreSQL is down and could not be restarted; exiting (code 69) for a supervisor to restart the app');
          process.exit(69); // EX_UNAVAILABLE
        },
      },
    });
  } catch (e) {
    // Launcher errors say what to set; print them plainly rather than as a stack trace.
    process.stderr.write(`Could not start the embedded PostgreSQL: ${(e as Error).message}\n`);
    process.exit(1);
  }
  if (database.embedded) {
    const { port, clusterDir, initialised } = database.embedded;
    log.info({ clusterDir, port, initialised }, initialised ? 'embedded PostgreSQL initialised and started' : 'embedded PostgreSQL started');
  }

  let app;
  try {
    app = await createApp({ config, databaseUrl: database.url });
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (e) {
    if ((e as Error).name === 'DatabaseRoleError') {
      // The database roles are misconfigured: say what to change, like a bad variable (README, "Database roles").
      process.stderr.write(`${(e as Error).message}\n`);
      await database.release();
      process.exit(78);
    }
    log.fatal({ err: e }, 'start-up failed');
    await app?.close().catch(() => undefined);
    await database.release();
    process.exit(1);
  }
  const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const { port } = app.getHttpServer().address() as AddressInfo;
  log.info({ port }, `Partner Cooperation Portal ready: http://${shown}:${port}/ (GraphQL at /graphql${config.isDevelopment ? ', GraphiQL at /graphiql' : ''})`);

  // Nest's shutdown hooks close the server (draining in-flight requests) and the pool; then the database.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 15_000).unref();
    await app.close();
    await database.release();
    clearTimeout(force);
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(signal));
}

void main();

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { runMigrations } from './database/migrate.js';

export interface CreateAppOptions extends AppModuleOptions {
  /** Buffer Nest's own start-up logs until the pino logger is ready (off in tests for speed). */
  bufferLogs?: boolean;
}

/** Builds the whole application, migrated and ready to listen: used by main.ts and by every e2e test. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config, databaseUrl } = options;
  if (config.MIGRATIONS_RUN) await runMigrations(databaseUrl);

  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.isProduction,
    // Idle keep-alive sockets are closed on shutdown; in-flight requests finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: options.bufferLogs ?? false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  return app;
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { GraphQLResponseCache } from './common/graphql/response-cache.js';
import { registerHttpSecurity } from './common/http/http-security.js';
import { NestPinoLogger } from './common/logging/nest-pino-logger.js';
import { resolveDatabaseAccess } from './database/database-roles.js';
import { runMigrations } from './database/migrate.js';
import { seedDatabase } from './database/seed/seed.js';
import { registerMetricsRoute } from './observability/metrics-endpoint.js';
import { Metrics } from './observability/metrics.js';
import { endSpan, SpanKind, startSpan, startTracing, tracingOn } from './observability/tracing.js';
import { registerWebApp } from './web/web-app.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** A request slower than this is logged at info (see the onResponse hook). */
const SLOW_REQUEST_MS = 1000;

/** Reuses a well-formed X-Request-Id from a proxy, otherwise makes one. */
function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export type CreateAppOptions = AppModuleOptions;

/** Builds the whole application, migrated and ready to listen: used by main.ts and by every e2e test. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const logger = pino({
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
  });
  // Migrations and seed as the owner; requests as a role that owns nothing (src/database/database-roles.ts).
  const access = await resolveDatabaseAccess(
    { url: options.databaseUrl, migrationUrl: config.DATABASE_MIGRATION_URL, production: config.isProduction },
    { warn: (message) => logger.warn(message) },
  );
  if (config.MIGRATIONS_RUN) await runMigrations(access.ownerUrl);
  if (config.SEED_ON_START) await seedDatabase(access.ownerUrl, { sampleCatalogue: config.SEED_SAMPLE_CATALOGUE, onlyIfEmpty: true });
  const served = await access.appUrl();
  logger.info({ role: served.role, how: served.how }, `serving requests as database role ${served.role}`);
  const databaseUrl = served.url;

  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    genReqId: requestId,
    // Requests are logged below instead, without the health probes that would drown everything else.
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // X-Forwarded-For only from the proxies listed in TRUST_PROXY: believed from anyone, it would let a client
    // pick the address that sign-in throttling counts and the audit trail records.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    // Idle keep-alive sockets are closed on shutdown; in-flight requests finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const fastify = adapter.getInstance();
  // Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set; stopped with the app (ObservabilityModule).
  const tracing = startTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME, exportDelayMs: config.isProduction ? 2_000 : 200 });
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-request-id', request.id);
    if (tracing && tracingOn() && !request.url.startsWith('/health')) {
      request.traceSpan = startSpan(`${request.method} ${request.routeOptions.url ?? 'unmatched'}`, { 'http.request.method': request.method, 'url.path': request.url.split('?')[0], 'pcp.request_id': request.id }, undefined, SpanKind.SERVER);
    }
  });
  const metrics = new Metrics({ poolSize: config.DB_POOL_SIZE });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.traceSpan) {
      request.traceSpan.setAttribute('http.response.status_code', reply.statusCode);
      endSpan(request.traceSpan);
    }
    if (request.url.startsWith('/health') || request.url === '/metrics') return;
    metrics.observeRequest(request, reply);
    // Info only for what someone should look at (a refused or failed request, a slow one), debug for the
    // rest: a line per request cost the catalogue pages several per cent of their throughput under load
    // (bench/, CPU profile), and LOG_LEVEL=debug still shows every request.
    const slow = reply.elapsedTime >= SLOW_REQUEST_MS;
    const level = reply.statusCode >= 400 || slow ? 'info' : 'debug';
    request.log[level]({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime), slow }, 'request completed');
  });
  await registerHttpSecurity(fastify, config);
  // Before Nest registers /graphql, so the route gets its hooks; attached to its services by AppModule.
  const responseCache = new GraphQLResponseCache(config);
  responseCache.register(fastify);
  registerMetricsRoute(fastify, config, metrics);
  // multipart/form-data for the upload routes (attachments, catalogue imports); the routes read the parts and
  // set their own size limits (src/common/http/multipart-upload.ts). GraphQL stays JSON only (csrfPrevention).
  await fastify.register(multipart, { limits: { fileSize: Math.max(config.ATTACHMENT_MAX_BYTES, config.IMPORT_MAX_BYTES), files: 1, fields: 10 } });
  // The React app at "/" (web/dist), with deep links falling back to its index.html.
  await registerWebApp(fastify);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ ...options, databaseUrl, logger, metrics, responseCache }), adapter, {
    // Nest's own start-up lines go through pino (and its LOG_LEVEL) once the logger is attached.
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new NestPinoLogger(logger));
  return app;
}

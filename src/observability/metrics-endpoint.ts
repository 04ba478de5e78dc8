import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import type { Metrics } from './metrics.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` on the app's port, only with `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise); a 404
 * saying how to turn them on without METRICS_TOKEN. Health probes and this route are not counted in the HTTP metrics.
 */
export function registerMetricsRoute(fastify: FastifyInstance, config: AppConfig, metrics: Metrics): void {
  const token = config.METRICS_TOKEN;
  if (!token) {
    // Not the web app's index.html for a scraper pointed at the wrong place.
    fastify.get('/metrics', async (_request, reply) =>
      reply.code(404).send({ message: 'Metrics are not served on this port: set METRICS_TOKEN to read them here, or METRICS_PORT for a listener of their own.' }),
    );
    return;
  }
  fastify.get('/metrics', async (request, reply) => {
    const auth = request.headers.authorization;
    if (typeof auth !== 'string' || !auth.startsWith('Bearer ') || !sameSecret(auth.slice(7), token)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ message: 'Send Authorization: Bearer <METRICS_TOKEN> to read the metrics.' });
    }
    return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(await metrics.scrape());
  });
}

/** The separate listener of METRICS_PORT: `GET /metrics` and nothing else, no authentication (a network boundary guards it). */
export async function startMetricsServer(config: AppConfig, metrics: Metrics): Promise<Server | undefined> {
  if (config.METRICS_PORT === undefined) return undefined;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here.\n');
      return;
    }
    metrics.scrape().then(
      (body) => res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(body),
      (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${e.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.METRICS_PORT, config.METRICS_HOST ?? config.HOST, () => resolve());
  });
  return server;
}

import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths that belong to the API, never to the single-page app. */
const API_PREFIXES = ['/graphql', '/graphiql', '/health', '/auth', '/calendar'];

/**
 * The document's policy: scripts, styles, fonts, images and API calls from this origin only. Mantine writes
 * its theme into <style> elements at run time, hence 'unsafe-inline' for styles (never for scripts).
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** web/dist next to the compiled (dist/src/web) or the source (src/web) file. */
export function findWebDist(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '../../../web/dist'), resolve(here, '../../web/dist')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

const isApiPath = (url: string) => API_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));

const MISSING_BUILD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner Cooperation Portal</title></head>
<body><h1>Partner Cooperation Portal</h1><p>The web app has not been built. Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload this page.</p>
<p>The API is at <a href="/graphql">/graphql</a>.</p></body></html>`;

/**
 * Serves the React app built by `npm run build:web` at "/": its files as they are (hashed assets cached for a
 * year, index.html never), and index.html for any other GET that is not an API path, so deep links work.
 */
export async function registerWebApp(fastify: FastifyInstance, root = findWebDist()): Promise<void> {
  if (!root) {
    fastify.get('/', async (_request, reply) => {
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      return reply.type('text/html; charset=utf-8').send(MISSING_BUILD);
    });
    return;
  }
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    // Hashed assets never change under their name; everything else is revalidated.
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendApp = (reply: FastifyReply) => {
    reply.header('content-security-policy', WEB_CONTENT_SECURITY_POLICY);
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').sendFile('index.html', root);
  };
  fastify.get('/', async (_request, reply) => sendApp(reply));
  fastify.get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    // API paths keep their own 404; a missing asset is a 404 too, not the app.
    if (isApiPath(path) || path.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(path)) return reply.callNotFound();
    return sendApp(reply);
  });
}

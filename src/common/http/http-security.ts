import fastifyCookie from '@fastify/cookie';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config/app-config.js';

/**
 * Security headers on every response, and cookie parsing for the refresh-token cookie. Registered before
 * the GraphQL plugin so its routes get both.
 */
export async function registerHttpSecurity(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  await fastify.register(fastifyCookie);
  // Helmet's middleware made once: @fastify/helmet builds it again on every request (parsing the CSP
  // directives each time), which cost more than a DataLoader batch on the catalogue's hot paths.
  const setSecurityHeaders = helmet({
    // GraphiQL (development only) loads its page assets from a CDN; everything else is JSON.
    contentSecurityPolicy: config.isDevelopment ? false : undefined,
    // The API is called cross-origin only by tools that send no cookies; keep responses same-site by default.
    crossOriginResourcePolicy: { policy: 'same-site' },
    hsts: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
}

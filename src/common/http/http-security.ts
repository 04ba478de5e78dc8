import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config/app-config.js';

/**
 * Security headers on every response, and cookie parsing for the refresh-token cookie. Registered before
 * the GraphQL plugin so its routes get both.
 */
export async function registerHttpSecurity(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  await fastify.register(fastifyCookie);
  await fastify.register(helmet, {
    // GraphiQL (development only) loads its page assets from a CDN; everything else is JSON.
    contentSecurityPolicy: config.isDevelopment ? false : undefined,
    // The API is called cross-origin only by tools that send no cookies; keep responses same-site by default.
    crossOriginResourcePolicy: { policy: 'same-site' },
    hsts: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

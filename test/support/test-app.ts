import type { Type } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createTestDatabase } from './test-database.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  databaseUrl: string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  extraModules?: Type[];
  /** Use this database instead of a fresh clone of the template. */
  databaseUrl?: string;
}

/** Boots the real AppModule on a fresh database and listens on a free loopback port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.databaseUrl ? undefined : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? database!.url;
  // A JWT secret per app so production-mode apps start too; tests that forge tokens pass their own.
  const jwtSecret = randomBytes(32).toString('base64url');
  // Background workers poll the database; tests that need them (notifications) turn them on.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_ON_START: 'false', WORKERS_ENABLED: 'false', JWT_SECRET: jwtSecret, ...options.env, DATABASE_URL: databaseUrl });
  const app = await createApp({ config, databaseUrl, extraModules: options.extraModules });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = await app.getUrl();

  return {
    app,
    baseUrl,
    databaseUrl,
    async gql(query, variables, headers = {}) {
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: any };
      return { status: res.status, headers: res.headers, data: body.data, errors: body.errors };
    },
    async close() {
      await app.close();
      await database?.drop();
    },
  };
}

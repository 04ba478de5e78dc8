import type { Type } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { print, type DocumentNode } from 'graphql';
import type { TadaDocumentNode } from 'gql.tada';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createTestDatabase } from './test-database.js';
import { TEST_SECRETS_KEYS } from './test-secrets.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

/** Variables then headers; the variables may be left out only when the document requires none. */
export type GqlArgs<Variables> = Record<string, never> extends Variables
  ? [variables?: Variables, headers?: Record<string, string>]
  : [variables: Variables, headers?: Record<string, string>];

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  databaseUrl: string;
  /** Sends a typed document (test/support/graphql.ts): its variables and its result are checked against schema.gql. */
  gql<Result, Variables>(document: TadaDocumentNode<Result, Variables>, ...args: GqlArgs<Variables>): Promise<GraphQLResponse<Result>>;
  /**
   * Sends a document as it is, unchecked: only for what the schema must refuse or does not describe (unknown
   * fields, syntax errors, oversize or deep documents, wrong variable types, test-only probe fields).
   */
  rawGql<T = Record<string, any>>(query: string | DocumentNode, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

const printed = new WeakMap<DocumentNode, string>();

/** The text of a document, printed once. */
function source(document: string | DocumentNode): string {
  if (typeof document === 'string') return document;
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
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
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_ON_START: 'false', WORKERS_ENABLED: 'false', JWT_SECRET: jwtSecret, SECRETS_KEYS: TEST_SECRETS_KEYS, ...options.env, DATABASE_URL: databaseUrl });
  const app = await createApp({ config, databaseUrl, extraModules: options.extraModules });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = await app.getUrl();

  const send = async (document: string | DocumentNode, variables?: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse<any>> => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: source(document), variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: any };
    return { status: res.status, headers: res.headers, data: body.data, errors: body.errors };
  };

  return {
    app,
    baseUrl,
    databaseUrl,
    gql: (document, ...[variables, headers]) => send(document, variables, headers),
    rawGql: send,
    async close() {
      await app.close();
      await database?.drop();
    },
  };
}

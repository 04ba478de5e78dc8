// `npm run migration:run|revert|generate [Name]`: the TypeORM CLI against the configured database
// (DATABASE_MIGRATION_URL, the owner's, when set; else DATABASE_URL, or the embedded PostgreSQL under DATA_DIR
// started for the duration of the command).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config/app-config.js';
import { provisionDatabase } from './database-provisioner.js';

const [command, name] = process.argv.slice(2);
const commands = ['migration:run', 'migration:revert', 'migration:generate', 'migration:show'];
if (!command || !commands.includes(command)) {
  process.stderr.write(`usage: typeorm-cli <${commands.join('|')}> [Name]\n`);
  process.exit(64);
}
if (command === 'migration:generate' && !name) {
  process.stderr.write('usage: npm run migration:generate -- <PascalCaseName>\n');
  process.exit(64);
}

const config = loadConfig();
const database = await provisionDatabase(config, pino({ level: 'warn' }));
const typeormCli = path.join(path.dirname(createRequire(import.meta.url).resolve('typeorm')), 'cli.js');
const dataSource = path.resolve('dist/src/database/cli-data-source.js');
const args = [typeormCli, command, '-d', dataSource];
if (command === 'migration:generate') args.push(`migrations/${name}`, '--pretty');

const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: config.DATABASE_MIGRATION_URL ?? database.url } });
  child.on('close', (c) => resolve(c ?? 1));
});
await database.release();
if (command === 'migration:generate' && code === 0) {
  process.stdout.write('Review the generated file, rename its class if needed, and add it to migrations/index.ts.\n');
}
process.exit(code);

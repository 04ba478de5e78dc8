// `npm run schema:print`: writes schema.gql from the code (boots the app on the configured database).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import pino from 'pino';
import { createApp } from './bootstrap.js';
import { printAppSchema, SCHEMA_FILE } from './common/graphql/schema-printer.js';
import { loadConfig } from './config/app-config.js';
import { provisionDatabase } from './database/database-provisioner.js';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', SEED_ON_START: 'false' });
const log = pino({ level: 'warn' });
const database = await provisionDatabase(config, log);
try {
  const app = await createApp({ config, databaseUrl: database.url });
  await app.init();
  writeFileSync(SCHEMA_FILE, printAppSchema(app));
  await app.close();
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
} finally {
  await database.release();
}

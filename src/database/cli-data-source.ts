// The data source the TypeORM CLI loads (`npm run migration:*` sets DATABASE_URL before it runs).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set; run the TypeORM CLI through `npm run migration:run|revert|generate`.');

export default new DataSource(dataSourceOptions(url, 2));

import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { OfferingIteration } from '../src/catalogue/offering-iteration.entity.js';
import { Offering } from '../src/catalogue/offering.entity.js';
import { RequestContext } from '../src/common/context/request-context.js';
import { RowMapper } from '../src/common/database/row-mapper.js';
import { appPgTypes, parseTimestamptz } from '../src/database/pg-types.js';
import { Sql } from '../src/common/database/sql.js';
import { UnitOfWork } from '../src/common/database/unit-of-work.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { adminQuery, testDatabaseEnv, withDatabase } from './support/test-database.js';

describe('unit of work and Sql', () => {
  let t: TestApp;
  let sql: Sql;
  let uow: UnitOfWork;
  const ctx = RequestContext.system();

  beforeAll(async () => {
    // Seeded: RowMapper's checks compare its reads of the sample catalogue with TypeORM's.
    t = await startTestApp({ env: { SEED_ON_START: 'true' } });
    sql = t.app.get(Sql);
    uow = t.app.get(UnitOfWork);
    // Made by the database's administrator: the app's own role may create nothing.
    const database = new URL(t.databaseUrl).pathname.slice(1);
    await adminQuery(withDatabase(testDatabaseEnv().adminUrl, database), 'CREATE TABLE uow_probe (id int PRIMARY KEY, note text); GRANT ALL ON uow_probe TO PUBLIC');
  });
  afterAll(() => t.close());

  const count = async () => Number((await sql.one<{ n: string }>(ctx, 'SELECT count(*) AS n FROM uow_probe'))!.n);

  it('binds named parameters by name, a repeated name once, and leaves ::casts alone', async () => {
    const row = await sql.one<{ a: number; b: string; same: boolean }>(ctx, 'SELECT :a::int AS a, :b::text AS b, :a::int = :a::int AS same', { b: 'x', a: 7 });
    expect(row).toEqual({ a: 7, b: 'x', same: true });
  });

  it('reports how many rows a write touched', async () => {
    expect(await sql.execute(ctx, 'INSERT INTO uow_probe (id, note) VALUES (1, :n), (2, :n)', { n: 'plain' })).toBe(2);
    expect(await sql.execute(ctx, 'UPDATE uow_probe SET note = :n WHERE id = ANY(:ids::int[])', { n: 'changed', ids: [1, 2, 3] })).toBe(2);
    await sql.execute(ctx, 'DELETE FROM uow_probe');
  });

  it('commits every statement of a unit of work together', async () => {
    await uow.run(ctx, async (tx) => {
      expect(tx.transaction).toBeDefined();
      expect(ctx.transaction).toBeUndefined();
      await sql.execute(tx, 'INSERT INTO uow_probe (id) VALUES (10)');
      await sql.execute(tx, 'INSERT INTO uow_probe (id) VALUES (11)');
      // Not visible outside before the commit.
      expect(await count()).toBe(0);
    });
    expect(await count()).toBe(2);
  });

  it('rolls back every statement when the work throws, and a nested run joins the outer one', async () => {
    await expect(
      uow.run(ctx, async (tx) => {
        await sql.execute(tx, 'INSERT INTO uow_probe (id) VALUES (20)');
        await uow.run(tx, async (inner) => {
          expect(inner).toBe(tx);
          await sql.execute(inner, 'INSERT INTO uow_probe (id) VALUES (21)');
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count()).toBe(2);
  });

  it('keeps the caller on the transaction context and gives it loaders of its own', async () => {
    ctx.actor = { ...ctx.actor!, id: 'someone' };
    await uow.run(ctx, async (tx) => {
      expect(tx.actor).toBe(ctx.actor);
      expect(tx.requestId).toBe(ctx.requestId);
      expect(tx.loaders).not.toBe(ctx.loaders);
    });
  });

  it('parses timestamptz on the app\'s pool with its own parser (pg-types.ts), to the instant PostgreSQL holds', async () => {
    const spy = jest.spyOn(appPgTypes, 'getTypeParser');
    try {
      const row = await sql.one<{ at: Date; epoch_ms: string }>(ctx, "SELECT ts AS at, (extract(epoch FROM ts) * 1000)::bigint::text AS epoch_ms FROM (SELECT timestamptz '2026-09-19 13:57:27.348371+02' AS ts) x");
      expect(spy).toHaveBeenCalledWith(1184, 'text');
      expect(spy.mock.results.find((r, i) => spy.mock.calls[i]![0] === 1184)?.value).toBe(parseTimestamptz);
      expect(row!.at).toBeInstanceOf(Date);
      expect(row!.at.getTime()).toBe(Number(row!.epoch_ms));
    } finally {
      spy.mockRestore();
    }
  });

  describe('RowMapper', () => {
    // Hot reads copy columns onto entities themselves (no TypeORM hydration): the copies must be TypeORM's.
    it.each([
      ['Offering', Offering, 'o'],
      ['OfferingIteration', OfferingIteration, 'i'],
    ] as const)('reads %s as TypeORM does: from object rows, from array rows (Sql.table), and inside a unit of work', async (_name, entity, alias) => {
      const dataSource = t.app.get(DataSource);
      const metadata = dataSource.getMetadata(entity);
      const mapper = RowMapper.of<object>(metadata);
      const expected = await dataSource.getRepository<object>(entity).find({ order: { id: 'ASC' } });
      expect(expected.length).toBeGreaterThan(1);
      // A column of another prefix in between, as the joined pages have.
      const statement = `SELECT 1 AS sort_key, ${mapper.select(alias)} FROM ${metadata.tableName} ${alias} ORDER BY ${alias}.id`;
      const byName = (await sql.rows<Record<string, unknown>>(ctx, statement)).map((row) => mapper.map(row, `${alias}_`));
      const byPosition = (await sql.table(ctx, statement)).entities(mapper, `${alias}_`);
      const inUnitOfWork = await uow.run(ctx, async (tx) => (await sql.table(tx, statement)).entities(mapper, `${alias}_`));
      for (const read of [byName, byPosition, inUnitOfWork]) {
        expect(read).toEqual(expected);
        expect(read.every((e) => e instanceof entity)).toBe(true);
      }
    });

    it('reads an outer join that matched nothing as undefined, and names a column the rows lack', async () => {
      const mapper = RowMapper.of<OfferingIteration>(t.app.get(DataSource).getMetadata(OfferingIteration));
      const missed = await sql.table(ctx, `SELECT 7 AS n, ${mapper.select('i')} FROM (SELECT 1) x LEFT JOIN offering_iteration i ON false`);
      expect(missed.entities(mapper, 'i_')).toEqual([undefined]);
      expect(missed.values<number>('n')).toEqual([7]);
      const partial = await sql.table(ctx, 'SELECT i.id AS i_id FROM offering_iteration i LIMIT 1');
      expect(() => partial.entities(mapper, 'i_')).toThrow(/no column i_offering_id/);
      expect(() => partial.values('sort_key')).toThrow(/no column sort_key/);
    });
  });
});

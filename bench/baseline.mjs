// The bare baseline: a minimal Fastify server that, for each scenario, runs the exact statements the app
// sent for one such request (recorded by lib/record-sql.mjs) with `pg` on a pool of the same size, in the
// same order and concurrency (statements the app had in flight together run together), inside one
// connection when the app used a transaction, and answers with a JSON body of the same shape and size.
//
//   BENCH_SCENARIOS=<file> DATABASE_URL=… DB_POOL_SIZE=10 PORT=… node bench/baseline.mjs
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';

const scenarios = JSON.parse(readFileSync(process.env.BENCH_SCENARIOS, 'utf8'));
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE || 10) });
const app = Fastify({ logger: false });

/** Statements grouped into waves: a wave's statements were all sent before any of them had answered. */
function waves(statements) {
  const out = [];
  let current = [];
  let firstEnd = Infinity;
  for (const s of statements) {
    if (current.length && s.start >= firstEnd) {
      out.push(current);
      current = [];
      firstEnd = Infinity;
    }
    current.push(s);
    firstEnd = Math.min(firstEnd, s.end ?? s.start);
  }
  if (current.length) out.push(current);
  return out;
}

/** An idempotency key the bench made (`bench-<uuid>`), alone or inside a value. */
const IDEMPOTENCY_KEY = /bench-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** Values that must be fresh per request for writes to succeed again (ids, idempotency keys). */
function freshValues(values, fresh) {
  return values?.map((v, i) => (fresh.includes(i) ? randomUUID() : v));
}

for (const s of scenarios) {
  const plan = waves(s.statements);
  const transactional = s.statements.some((st) => /^\s*(BEGIN|START TRANSACTION)/i.test(st.text));
  const body = JSON.parse(s.body);
  app.post(`/s/${s.name}`, async (_request, reply) => {
    if (transactional) {
      // Statement by statement on one connection, as the app's transaction does.
      const client = await pool.connect();
      try {
        const ids = new Map();
        // This request's value for a recorded one, the same for every statement: a new idempotency key for the
        // recorded key, and that new key inside any value that embeds it (the advisory lock's
        // `submit:<actor>:<key>`: left as recorded, every replay queued on one lock while the app's did not).
        const freshFor = (v) => {
          if (!ids.has(v)) {
            const key = typeof v === 'string' ? IDEMPOTENCY_KEY.exec(v)?.[0] : undefined;
            ids.set(v, key === undefined ? randomUUID() : key === v ? `bench-${randomUUID()}` : v.replace(key, freshFor(key)));
          }
          return ids.get(v);
        };
        for (const st of s.statements) {
          const values = st.values?.map((v, i) => ((st.fresh ?? []).includes(i) ? freshFor(v) : v));
          const result = await client.query(st.text, values);
          // Ids the database made (INSERT … RETURNING): later statements use this request's, not the recorded ones.
          const row = result.rows?.[0];
          if (st.returned && row) Object.values(row).forEach((v, i) => ids.set(st.returned[i], v));
        }
      } catch (e) {
        // Said once: a baseline that cannot replay the app's writes measures nothing.
        if (!s.failed) console.error(`${s.name}: replay failed: ${e.message}`);
        s.failed = true;
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    } else {
      for (const wave of plan) await Promise.all(wave.map((st) => pool.query(st.text, freshValues(st.values, st.fresh ?? []))));
    }
    reply.header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(body);
  });
}

app.get('/health', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

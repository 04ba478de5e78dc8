// Preloaded into the app by the bench only (node --import): with BENCH_RECORD_SQL=<file>, SIGUSR2 starts
// recording every statement the app sends through pg (text, parameters, start and end times); the next
// SIGUSR2 stops and writes them to <file>. Outside a recording it only checks a flag.
import { Buffer } from 'node:buffer';
import { renameSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const file = process.env.BENCH_RECORD_SQL;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The UUIDs among the rows' values (and inside their arrays), at most 500. */
function idsIn(rows) {
  const ids = new Set();
  const add = (v) => {
    if (typeof v === 'string' && UUID.test(v)) ids.add(v);
    else if (Array.isArray(v)) v.forEach(add);
  };
  for (const row of rows.slice(0, 100)) Object.values(row).forEach(add);
  return [...ids].slice(0, 500);
}
if (file) {
  let recording = null;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (...args) {
    if (!recording) return original.apply(this, args);
    const first = args[0];
    const entry = {
      text: typeof first === 'string' ? first : first?.text,
      values: typeof first === 'string' ? args[1] : first?.values,
      start: performance.now(),
      end: null,
    };
    if (typeof entry.values === 'function') entry.values = undefined;
    // bytea parameters as PostgreSQL's hex text, which replays as the same bytes (JSON would turn a Buffer into an object).
    else if (Array.isArray(entry.values)) entry.values = entry.values.map((v) => (Buffer.isBuffer(v) ? `\\x${v.toString('hex')}` : v));
    recording.push(entry);
    // What an INSERT … RETURNING gave back (ids the database made), so a replay can follow them; and the ids a
    // read returned (the caller's partner, say), so a replay keeps them when a later INSERT uses them.
    const done = (result) => {
      entry.end = performance.now();
      const row = result?.rows?.[0];
      if (row && /^\s*INSERT\b[\s\S]*\bRETURNING\b/i.test(entry.text ?? '')) entry.returned = Object.values(row);
      else if (result?.rows?.length) entry.read = idsIn(result.rows);
    };
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last];
      args[last] = (...r) => { done(r[0] ? undefined : r[1]); return cb(...r); };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof result.then === 'function') result.then(done, () => done());
    else done();
    return result;
  };
  process.on('SIGUSR2', () => {
    if (!recording) {
      recording = [];
      return;
    }
    const statements = recording;
    recording = null;
    writeFileSync(`${file}.tmp`, JSON.stringify(statements));
    renameSync(`${file}.tmp`, file);
  });
}

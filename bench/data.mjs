// npm run bench:data — the scale dataset, generated in SQL into its own database and reused when present.
//
//   200 sections (the seeded tree plus generated ones), every seeded partner and framework, 100,000
//   offerings with titles, summaries and descriptions in English and French drawn from the domain
//   vocabulary (seed catalogue and the source documents in /work/shared/seeds), 1–4 iterations each,
//   areas, topics and eligibility; then, once the requests tables exist, 1,000,000 requests with timelines.
//
// A row in `bench_dataset` per part records the dataset version; a part whose version matches is reused.
import 'reflect-metadata';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runMigrations } from '../dist/src/database/migrate.js';
import { seedDatabase } from '../dist/src/database/seed/seed.js';
import { seedOfferings } from '../dist/src/database/seed-data/index.js';
import { openBenchServer } from './lib/database.mjs';
import { generateRequests, requestsVersion } from './lib/requests-data.mjs';

export const CATALOGUE_VERSION = 'catalogue-v2';
const OFFERINGS = Number(process.env.BENCH_OFFERINGS || 100_000);
const SECTIONS = 200;
const BATCH = 10_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const SHARED_SEEDS = process.env.BENCH_SHARED_SEEDS || path.resolve(here, '../../shared/seeds');

const STOP = new Set(
  ('the and for with from that this their they them have has had been were will which what when where who whose into onto upon ' +
    'also such more most other than then there these those only over under about after before between during while each both ' +
    'very much many some same within without would could should must shall being does doing done your ours their its '+
    'les des une dans pour par avec sur aux est sont qui que ses leur leurs cette ces son sans entre plus tout tous toute ' +
    'toutes elle elles ils nous vous mais donc ainsi comme dont être avoir été fait faire peut peuvent selon lors chez').split(/\s+/),
);

/** Words of at least four letters, most frequent first (so a skewed pick gives common and rare terms). */
function vocabulary(texts) {
  const counts = new Map();
  for (const text of texts) {
    for (const m of text.toLowerCase().matchAll(/\p{L}[\p{L}'’-]*\p{L}/gu)) {
      const word = m[0].replace(/^[dlj][’']/u, '');
      if (word.length < 4 || STOP.has(word) || /['’]/.test(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}

function vocabularies() {
  const shared = existsSync(SHARED_SEEDS)
    ? readdirSync(SHARED_SEEDS).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(SHARED_SEEDS, f), 'utf8'))
    : [];
  const en = vocabulary([...seedOfferings.flatMap((o) => [o.titleEn, o.summaryEn, o.descriptionEn, o.prerequisites ?? '']), ...shared]);
  const fr = vocabulary(seedOfferings.flatMap((o) => [o.titleFr, o.summaryFr, o.descriptionFr]));
  return { en, fr };
}

// The migration's search indexes, in case a previous run was interrupted after dropping them.
const SEARCH_INDEXES = [
  { indexname: 'offering_search_en_idx', indexdef: 'CREATE INDEX offering_search_en_idx ON offering USING gin (search_en)' },
  { indexname: 'offering_search_fr_idx', indexdef: 'CREATE INDEX offering_search_fr_idx ON offering USING gin (search_fr)' },
  { indexname: 'offering_search_text_trgm_idx', indexdef: 'CREATE INDEX offering_search_text_trgm_idx ON offering USING gin (search_text gin_trgm_ops)' },
];

const elapsed = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

async function partVersion(db, part) {
  await db.query(`CREATE TABLE IF NOT EXISTS bench_dataset (
    part text PRIMARY KEY, version text NOT NULL, details jsonb NOT NULL DEFAULT '{}', created_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await db.query('SELECT version, details FROM bench_dataset WHERE part = $1', [part]);
  return rows[0];
}

// A skewed pick from a word array $w of length $n: low indexes (frequent words) far more often.
const pick = (arr, n, skew = '2.4') => `(${arr})[1 + floor(power(random(), ${skew}) * ${n})::int]`;
const words = (arr, n, min, spread, salt) =>
  `(SELECT string_agg(${pick(arr, n)}, ' ') FROM generate_series(1, ${min} + (g * ${salt}) % ${spread}))`;

async function generateCatalogue(db) {
  const t0 = Date.now();
  const { en, fr } = vocabularies();
  console.log(`catalogue: vocabulary of ${en.length} English and ${fr.length} French words`);
  // One transaction: an interrupted run leaves the previous state (indexes included), never half a dataset.
  await db.query('BEGIN');
  await db.query("SET LOCAL maintenance_work_mem = '512MB'");
  await db.query('SELECT setseed(0.4242)');
  await db.query(`DELETE FROM offering WHERE code LIKE 'BENCH-%'`);
  await db.query(`DELETE FROM section WHERE code LIKE 'BENCH_S%'`);

  // Sections up to 200, under the seeded divisions and directorates.
  await db.query(
    `INSERT INTO section (code, name_en, name_fr, kind, parent_id, mailbox, time_zone, acknowledge_target_days, decide_target_days)
     SELECT 'BENCH_S' || to_char(g, 'FM000'),
            initcap(${pick('$1::text[]', '$2', '1.5')}) || ' and ' || ${pick('$1::text[]', '$2', '1.5')} || ' Section ' || g,
            'Section ' || ${pick('$3::text[]', '$4', '1.5')} || ' et ' || ${pick('$3::text[]', '$4', '1.5')} || ' ' || g,
            (ARRAY['SECTION','SECTION','SECTION','CENTRE','COE','SCHOOL'])[1 + g % 6],
            (SELECT id FROM section WHERE kind IN ('DIVISION', 'DIRECTORATE', 'STAFF') ORDER BY code OFFSET g % 5 LIMIT 1),
            'bench-section-' || g || '@example.nato.int', 'Europe/Brussels', 3 + g % 5, 20 + g % 20
       FROM generate_series(1, GREATEST(0, $5 - (SELECT count(*) FROM section))::int) g`,
    [en, en.length, fr, fr.length, SECTIONS],
  );
  console.log(`catalogue: ${(await db.query('SELECT count(*)::int AS n FROM section')).rows[0].n} sections (${elapsed(t0)})`);

  // Search indexes are built once after the load rather than maintained row by row.
  const { rows: found } = await db.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'offering' AND indexdef ILIKE '%USING gin%'`,
  );
  const gin = [...found, ...SEARCH_INDEXES.filter((k) => !found.some((f) => f.indexname === k.indexname))];
  for (const i of gin) await db.query(`DROP INDEX IF EXISTS "${i.indexname}"`);

  const kinds = ['TRAINING_COURSE', 'COE_COURSE', 'E_LEARNING', 'SPS_GRANT', 'DCB_PACKAGE', 'DEEP_PROGRAMME', 'STAFF_TALKS',
    'EXPERT_BRIEFING', 'EXERCISE', 'ANALYSIS_SUPPORT', 'LESSONS_LEARNED_EXCHANGE'];
  for (let from = 1; from <= OFFERINGS; from += BATCH) {
    const to = Math.min(from + BATCH - 1, OFFERINGS);
    await db.query(
      `WITH s AS (SELECT array_agg(id ORDER BY code) AS ids FROM section)
       INSERT INTO offering (code, kind, title_en, title_fr, summary_en, summary_fr, description_en, description_fr,
                             owning_section_id, provider_section_id, delivery_mode, delivery_languages, lead_time_days,
                             etoc_code, releasability, status, created_at, updated_at)
       SELECT 'BENCH-' || to_char(g, 'FM000000'),
              ($5::text[])[1 + g % 11],
              CASE WHEN g % 10 <> 9 THEN initcap(${words('$1::text[]', '$2', 3, 4, 7)}) END,
              CASE WHEN g % 10 <> 8 THEN initcap(${words('$3::text[]', '$4', 3, 4, 11)}) END,
              ${words('$1::text[]', '$2', 10, 8, 13)} || '.',
              ${words('$3::text[]', '$4', 10, 8, 17)} || '.',
              ${words('$1::text[]', '$2', 25, 20, 19)} || '.',
              CASE WHEN g % 4 <> 3 THEN ${words('$3::text[]', '$4', 25, 20, 23)} || '.' END,
              s.ids[1 + (g::bigint * 7919) % array_length(s.ids, 1)],
              s.ids[1 + (g::bigint * 104729) % array_length(s.ids, 1)],
              (ARRAY['RESIDENT','REMOTE','MOBILE_TEAM','HYBRID'])[1 + g % 4],
              CASE g % 3 WHEN 0 THEN '{en}'::text[] WHEN 1 THEN '{en,fr}' ELSE '{fr}' END,
              7 * (g % 20),
              CASE WHEN g % 5 = 0 THEN 'ETOC-' || to_char(g, 'FM000000') END,
              CASE WHEN g % 3 = 0 THEN 'PUBLIC' ELSE 'NATO UNCLASSIFIED' END,
              CASE WHEN g % 50 = 0 THEN 'DRAFT' WHEN g % 50 = 1 THEN 'ARCHIVED' ELSE 'PUBLISHED' END,
              now() - make_interval(mins => g), now() - make_interval(mins => g)
         FROM generate_series($6::int, $7::int) g, s`,
      [en, en.length, fr, fr.length, kinds, from, to],
    );
    const range = [`BENCH-${String(from).padStart(6, '0')}`, `BENCH-${String(to).padStart(6, '0')}`];
    const inRange = `o.code BETWEEN $1 AND $2`;
    await db.query(
      `INSERT INTO offering_iteration (offering_id, start_date, end_date, location, location_fr, capacity, seats_allocated, application_deadline, status)
       SELECT o.id, d.start, d.start + (2 + n % 10), (ARRAY['Oberammergau','Brussels','Tbilisi','Amman','Rome','Tallinn','Ankara','Online'])[1 + (h + n) % 8],
              (ARRAY['Oberammergau','Bruxelles','Tbilissi','Amman','Rome','Tallinn','Ankara','En ligne'])[1 + (h + n) % 8],
              CASE WHEN h % 7 = 0 THEN NULL ELSE 12 + h % 30 END,
              CASE WHEN h % 7 = 0 THEN 0 ELSE (h + n) % 12 END,
              d.start - 30,
              CASE WHEN d.start < CURRENT_DATE THEN 'COMPLETED' WHEN n % 9 = 0 THEN 'CANCELLED' WHEN n % 2 = 0 THEN 'OPEN' ELSE 'PLANNED' END
         FROM offering o
        CROSS JOIN LATERAL (SELECT abs(hashtext(o.code)) AS h) x
        CROSS JOIN LATERAL generate_series(1, 1 + x.h % 4) n
        CROSS JOIN LATERAL (SELECT (CURRENT_DATE + ((x.h % 400) - 120 + 90 * n))::date AS start) d
        WHERE ${inRange}`,
      range,
    );
    await db.query(
      `INSERT INTO offering_area (offering_id, area_id)
       SELECT DISTINCT o.id, a.ids[1 + (abs(hashtext(o.code || n)) % array_length(a.ids, 1))]
         FROM offering o, (SELECT array_agg(id ORDER BY position) ids FROM cooperation_area) a, generate_series(1, 2) n
        WHERE ${inRange} AND (n = 1 OR abs(hashtext(o.code)) % 3 = 0)`,
      range,
    );
    await db.query(
      `INSERT INTO offering_topic (offering_id, topic_id)
       SELECT DISTINCT o.id, t.ids[1 + (abs(hashtext(o.code || 't' || n)) % array_length(t.ids, 1))]
         FROM offering o, (SELECT array_agg(id ORDER BY code) ids FROM topic) t, generate_series(1, 3) n
        WHERE ${inRange} AND n <= 1 + abs(hashtext(o.code)) % 3`,
      range,
    );
    // Eligibility: most offerings are open to every partner; some name frameworks, some partners.
    await db.query(
      `INSERT INTO offering_eligible_framework (offering_id, framework_id)
       SELECT o.id, f.ids[1 + (abs(hashtext(o.code)) / 7) % array_length(f.ids, 1)]
         FROM offering o, (SELECT array_agg(id ORDER BY code) ids FROM partnership_framework) f
        WHERE ${inRange} AND abs(hashtext(o.code)) % 5 = 1`,
      range,
    );
    await db.query(
      `INSERT INTO offering_eligible_partner (offering_id, partner_id)
       SELECT DISTINCT o.id, p.ids[1 + (abs(hashtext(o.code || n)) % array_length(p.ids, 1))]
         FROM offering o, (SELECT array_agg(id ORDER BY code) ids FROM partner) p, generate_series(1, 4) n
        WHERE ${inRange} AND abs(hashtext(o.code)) % 5 = 2`,
      range,
    );
    console.log(`catalogue: ${to.toLocaleString('en')} / ${OFFERINGS.toLocaleString('en')} offerings with iterations and relations (${elapsed(t0)})`);
  }
  for (const i of gin) {
    await db.query(i.indexdef);
    console.log(`catalogue: index ${i.indexname} rebuilt (${elapsed(t0)})`);
  }
  await db.query(
    `INSERT INTO bench_dataset (part, version, details) VALUES ('catalogue', $1, $2)
     ON CONFLICT (part) DO UPDATE SET version = excluded.version, details = excluded.details, created_at = now()`,
    [CATALOGUE_VERSION, { offerings: OFFERINGS }],
  );
  await db.query('COMMIT');
  await db.query('VACUUM (ANALYZE) offering, offering_iteration, offering_area, offering_topic, offering_eligible_framework, offering_eligible_partner, section');
  // The link inserts above rewrite every offering_search row twice (its area and topic bit sets), which leaves
  // dead row versions the common search's counts would read through (before OfferingSearchFacetBits: the table
  // three times its size, 8,900 pages read instead of 7,600); rewritten as a restore would write it.
  await db.query('VACUUM (FULL, ANALYZE) offering_search');
  const terms = await chooseTerms(db, en);
  console.log(`catalogue: search terms ${JSON.stringify(terms)} (${elapsed(t0)})`);
  await db.query(`UPDATE bench_dataset SET details = details || $1 WHERE part = 'catalogue'`, [{ terms }]);
  console.log(`catalogue: done in ${elapsed(t0)}`);
}

/** Search terms by how many offerings match them in English: selective (~20), medium (~1,500), common (~20,000). */
async function chooseTerms(db, en) {
  const candidates = en.filter((w) => /^[a-z]+$/.test(w)).filter((_, i) => i < 40 || i % 7 === 0).slice(0, 400);
  const counted = [];
  for (const word of candidates) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM offering o WHERE o.search_en @@ websearch_to_tsquery('english', $1)`,
      [word],
    );
    counted.push({ word, n: rows[0].n });
  }
  const near = (target) => counted.filter((c) => c.n > 0).sort((a, b) => Math.abs(Math.log(a.n / target)) - Math.abs(Math.log(b.n / target)))[0];
  const medium = near(1_500);
  // Selective: two words (both must match), as a person narrowing a search types them.
  let selective = { word: medium.word, n: medium.n };
  const mid = counted.filter((c) => c.n >= 200 && c.n <= 3_000);
  search: for (const a of mid) {
    for (const b of mid) {
      if (a.word >= b.word) continue;
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM offering o WHERE o.search_en @@ websearch_to_tsquery('english', $1)`,
        [`${a.word} ${b.word}`],
      );
      if (Math.abs(Math.log(rows[0].n / 20)) < Math.abs(Math.log(Math.max(selective.n, 1) / 20))) selective = { word: `${a.word} ${b.word}`, n: rows[0].n };
      if (selective.n >= 10 && selective.n <= 40) break search;
    }
  }
  const common = near(20_000);
  return {
    selective: selective.word, selectiveMatches: selective.n,
    medium: medium.word, mediumMatches: medium.n,
    common: common.word, commonMatches: common.n,
  };
}

/** Ensures the dataset exists in the bench database (migrated and seeded first); returns its details. */
export async function ensureDataset(url) {
  const t0 = Date.now();
  const applied = await runMigrations(url);
  if (applied.length) console.log(`bench database: ${applied.length} migrations applied`);
  const seeded = await seedDatabase(url, { sampleCatalogue: true, onlyIfEmpty: true });
  if (!seeded.skipped) console.log(`bench database: reference data and sample catalogue loaded (${seeded.referenceRows} rows, ${seeded.offerings} offerings)`);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const catalogue = await partVersion(db, 'catalogue');
    const { rows: gin } = await db.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'offering' AND indexdef ILIKE '%USING gin%'`);
    if (catalogue?.version === CATALOGUE_VERSION && catalogue.details.terms && gin[0].n >= 3) console.log(`catalogue: reusing dataset ${CATALOGUE_VERSION} (${catalogue.details.offerings} offerings)`);
    else await generateCatalogue(db);
    const requestsPart = await partVersion(db, 'requests');
    const hasRequests = (await db.query(`SELECT to_regclass('cooperation_request') IS NOT NULL AS present`)).rows[0].present;
    if (!hasRequests) console.log('requests: no requests tables in this build yet — catalogue only');
    else if (requestsPart?.version === requestsVersion) console.log(`requests: reusing dataset ${requestsVersion}`);
    else await generateRequests(db);
    // Every run from the same footing: the rows earlier runs wrote (submissions, the mixed workload's writes) all
    // visible in the visibility map and counted in the statistics, so the lists' index-only counts do not visit the
    // heap for them (the liaison list read 25 ms in one run, 60 ms a few runs later without this).
    const vacuumStart = Date.now();
    await db.query('VACUUM (ANALYZE)');
    console.log(`bench database: vacuumed and analysed in ${elapsed(vacuumStart)}`);
    const { rows } = await db.query("SELECT part, version, details FROM bench_dataset WHERE part <> 'admin' ORDER BY part");
    console.log(`dataset ready in ${elapsed(t0)}`);
    return Object.fromEntries(rows.map((r) => [r.part, { version: r.version, ...r.details }]));
  } finally {
    await db.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await openBenchServer();
  try {
    await ensureDataset(server.url);
  } finally {
    await server.release();
  }
}

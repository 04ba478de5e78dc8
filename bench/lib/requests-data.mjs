// The requests part of the scale dataset: 1,000,000 cooperation requests (BENCH_REQUESTS) over the bench
// offerings, with timelines, generated in SQL in batches with progress. One liaison officer per partner
// (no password: they only own the generated requests; the scenarios sign in users of their own).
//
// Shape: partners skewed (a few partners file most requests), 2.9 years of history, every status of the
// lifecycle (drafts, open, decided, withdrawn), service targets 5 and 30 days after submission, so older
// open requests are overdue as in a real backlog; a timeline of 1–4 events per request.
export const requestsVersion = 'requests-v1';
const REQUESTS = Number(process.env.BENCH_REQUESTS || 1_000_000);
const BATCH = 100_000;

const elapsed = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

// By g % 20: 5% drafts, 5% withdrawn after submission, then the lifecycle.
const STATUS = `(ARRAY['DRAFT','WITHDRAWN','SUBMITTED','SUBMITTED','SUBMITTED','SUBMITTED','UNDER_REVIEW','UNDER_REVIEW','UNDER_REVIEW',
  'INFORMATION_REQUESTED','APPROVED','APPROVED','APPROVED','SCHEDULED','SCHEDULED','COMPLETED','COMPLETED','COMPLETED','DECLINED','CANCELLED'])[1 + g % 20]`;

export async function generateRequests(db) {
  const t0 = Date.now();
  await db.query('BEGIN');
  await db.query('SELECT setseed(0.2424)');
  await db.query(`DELETE FROM cooperation_request WHERE reference LIKE 'BR-%'`);
  await db.query(
    `INSERT INTO app_user (email, display_name, role, partner_id)
     SELECT 'bench-liaison-' || lower(code) || '@example.org', 'Bench liaison ' || code, 'PARTNER_LIAISON', id FROM partner
     ON CONFLICT (email) DO NOTHING`,
  );
  // Secondary indexes are built once after the load rather than maintained row by row.
  const { rows: indexes } = await db.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('cooperation_request', 'request_event')
       AND indexname NOT IN ('cooperation_request_pkey', 'cooperation_request_reference_key', 'request_event_pkey')`,
  );
  for (const i of indexes) await db.query(`DROP INDEX "${i.indexname}"`);
  for (let from = 1; from <= REQUESTS; from += BATCH) {
    const to = Math.min(from + BATCH - 1, REQUESTS);
    await db.query(
      `WITH p AS (SELECT array_agg(p.id ORDER BY p.code) AS pids, array_agg(u.id ORDER BY p.code) AS uids
                    FROM partner p JOIN app_user u ON u.email = 'bench-liaison-' || lower(p.code) || '@example.org'),
            n AS (SELECT count(*)::int AS n FROM offering WHERE code LIKE 'BENCH-%'),
            -- Offerings by position (a join, not a subscript: subscripting a 100,000-element array copies it).
            o AS (SELECT id, owning_section_id, kind, row_number() OVER (ORDER BY code) AS rn FROM offering WHERE code LIKE 'BENCH-%'),
            x AS (SELECT g, ${STATUS} AS status,
                         1 + floor(power(random(), 2.5) * (SELECT array_length(pids, 1) FROM p))::int AS k,
                         1 + (g::bigint * 7919) % (SELECT n FROM n) AS j,
                         now() - make_interval(secs => ($2::int - g) * 90) AS created
                    FROM generate_series($1::int, $2::int) g)
       INSERT INTO cooperation_request (reference, partner_id, submitter_id, offering_id, offering_kind, title, purpose, seats_requested,
                                        priority, status, routed_section_id, routing_reason, submitted_at, acknowledged_at, decided_at,
                                        acknowledge_due_at, decision_due_at, created_at, updated_at)
       SELECT 'BR-' || to_char(x.g, 'FM0000000'), p.pids[x.k], p.uids[x.k], o.id, o.kind,
              'Request ' || x.g || ': ' || lower(replace(o.kind, '_', ' ')) || ' for our staff',
              'Generated for the benchmark: build capacity in the area this offering covers.',
              x.g % 6, (ARRAY['LOW','NORMAL','NORMAL','NORMAL','HIGH','CRITICAL'])[1 + x.g % 6], x.status,
              CASE WHEN x.g % 20 > 0 THEN o.owning_section_id END, CASE WHEN x.g % 20 > 0 THEN 'OWNING_SECTION' END,
              CASE WHEN x.g % 20 > 0 THEN x.created + interval '1 hour' END,
              CASE WHEN x.g % 20 > 5 THEN x.created + interval '2 days' END,
              CASE WHEN x.g % 20 > 9 THEN x.created + interval '20 days' END,
              CASE WHEN x.g % 20 > 0 THEN x.created + interval '1 hour' + interval '5 days' END,
              CASE WHEN x.g % 20 > 0 THEN x.created + interval '1 hour' + interval '30 days' END,
              x.created, x.created + interval '2 hours'
         FROM x JOIN o ON o.rn = x.j, p`,
      [from, to],
    );
    // The timeline: CREATED; SUBMITTED and ROUTED once submitted; the change to the current status after that.
    await db.query(
      `INSERT INTO request_event (request_id, at, type, actor_id, actor_kind, from_status, to_status, section_id, routing_reason)
       SELECT r.id, e.at, e.type, CASE WHEN e.type IN ('CREATED', 'SUBMITTED') THEN r.submitter_id END,
              CASE WHEN e.type IN ('CREATED', 'SUBMITTED') THEN 'user' ELSE 'system' END, e.from_status, e.to_status,
              CASE WHEN e.type = 'ROUTED' THEN r.routed_section_id END, CASE WHEN e.type = 'ROUTED' THEN r.routing_reason END
         FROM cooperation_request r
        CROSS JOIN LATERAL (VALUES
              (r.created_at, 'CREATED', NULL, 'DRAFT', true),
              (r.submitted_at, 'SUBMITTED', 'DRAFT', 'SUBMITTED', r.submitted_at IS NOT NULL),
              (r.submitted_at, 'ROUTED', NULL, NULL, r.submitted_at IS NOT NULL),
              (coalesce(r.decided_at, r.acknowledged_at, r.updated_at), 'STATUS_CHANGED', CASE WHEN r.decided_at IS NULL THEN 'SUBMITTED' ELSE 'UNDER_REVIEW' END,
               r.status, r.status NOT IN ('DRAFT', 'SUBMITTED'))
              ) e(at, type, from_status, to_status, present)
        WHERE r.reference BETWEEN $1 AND $2 AND e.present`,
      [`BR-${String(from).padStart(7, '0')}`, `BR-${String(to).padStart(7, '0')}`],
    );
    console.log(`requests: ${to.toLocaleString('en')} / ${REQUESTS.toLocaleString('en')} with timelines (${elapsed(t0)})`);
  }
  for (const i of indexes) {
    await db.query(i.indexdef);
    console.log(`requests: index ${i.indexname} rebuilt (${elapsed(t0)})`);
  }
  await db.query(
    `INSERT INTO bench_dataset (part, version, details) VALUES ('requests', $1, $2)
     ON CONFLICT (part) DO UPDATE SET version = excluded.version, details = excluded.details, created_at = now()`,
    [requestsVersion, { requests: REQUESTS }],
  );
  await db.query('COMMIT');
  await db.query('VACUUM (ANALYZE) cooperation_request, request_event, app_user');
  // The partner with the most requests (that may still submit) and the section with the largest open backlog: the scenarios' callers.
  const { rows: [busiest] } = await db.query(
    `SELECT (SELECT p.code FROM cooperation_request r JOIN partner p ON p.id = r.partner_id WHERE NOT p.suspended
              GROUP BY p.code ORDER BY count(*) DESC LIMIT 1) AS partner,
            (SELECT s.code FROM cooperation_request r JOIN section s ON s.id = r.routed_section_id
              WHERE r.status IN ('SUBMITTED', 'UNDER_REVIEW', 'INFORMATION_REQUESTED') GROUP BY s.code ORDER BY count(*) DESC LIMIT 1) AS section`,
  );
  await db.query(`UPDATE bench_dataset SET details = details || $1 WHERE part = 'requests'`, [{ partner: busiest.partner, section: busiest.section }]);
  console.log(`requests: done in ${elapsed(t0)} (busiest partner ${busiest.partner}, section ${busiest.section})`);
}

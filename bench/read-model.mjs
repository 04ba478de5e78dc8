// The catalogue read model and the capacity figure (issue #19, item 5), run by bench/run.mjs against a second
// app with the response cache on (the first one runs with it off, so its scenarios measure the SQL path
// against the bare replay):
//
// 1. ratios against the app's own `{ __typename }` in the same run, anonymous as in the table
//    (CATALOGUE_PUBLIC): the catalogue's first page with totalCount, relations and facets (≥ 0.25×) and the
//    reference lists (≥ 0.5×); interleaved A B B A like the other scenarios;
// 2. a mixed workload at increasing rates — 70% catalogue browsing by liaison officers, 20% request lists and
//    details by staff, 10% writes (submit, comment, transition) — and the highest rate at which p99 stays
//    ≤ 250 ms with no failed request; bench/run.mjs compares it, per request/s of the bare replays in the same run,
//    with the committed figure (bench/results/capacity.json): more than 10% below fails.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { assertValidDocuments } from './lib/documents.mjs';

const TYPENAME = '{ __typename }';
const fetch = globalThis.fetch;

export const FIRST_PAGE_FULL = `query FirstPageFull {
  offerings(first: 20, language: EN) {
    totalCount
    facets { kinds { value count } deliveryModes { value count } sections { value count } areas { value count } topics { value count } }
    edges { cursor node { id code title summary kind deliveryMode areas { code name } topics { code name } owningSection { code name }
      iterations { startDate endDate location status seatsAvailable } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const REFERENCE_LISTS = '{ sections { code name } partners { code name } }';

const ELIGIBLE_PAGE = `query Eligible($partner: String!) {
  offerings(first: 20, language: EN, filter: { eligibleForPartner: $partner }) {
    totalCount edges { node { id code title summary kind owningSection { code name } iterations { startDate seatsAvailable } } }
  }
}`;

const SEARCH = `query Search($search: String!) {
  offerings(first: 20, search: $search, language: EN) {
    totalCount facets { kinds { value count } areas { value count } }
    edges { node { id code title summary kind owningSection { code name } } }
  }
}`;

const DETAIL = `query Detail($code: String!) {
  offering(code: $code, language: EN) {
    id code title summary description kind status deliveryMode leadTimeDays prerequisites costNotes
    owningSection { code name } provider { code name } areas { code name } topics { code name }
    iterations { id startDate endDate location capacity seatsAvailable applicationDeadline status }
  }
}`;

const REQUESTS = `query Queue($filter: RequestFilter) {
  requests(first: 25, filter: $filter, orderBy: DECISION_DUE) {
    totalCount edges { node { id reference title status priority submittedAt decisionDueAt overdue offering { code } routedSection { code } } }
  }
}`;

const REQUEST = `query One($id: ID!) {
  request(id: $id) { id reference title purpose status priority submittedAt timeline { type at } comments { body } offering { code title } }
}`;

const SUBMIT = `mutation Submit($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id status } } }`;
const COMMENT = `mutation Comment($input: AddCommentInput!) { addComment(input: $input) { id } }`;
const TRANSITION = `mutation Transition($input: TransitionRequestInput!) { transitionRequest(input: $input) { id status } }`;

function load(options) {
  return new Promise((resolve, reject) => autocannon(options, (err, result) => (err ? reject(err) : resolve(result))));
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function gql(port, headers, query, variables) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }),
  });
  const json = await res.json();
  if (json.errors) throw new Error(`read-model bench: ${JSON.stringify(json.errors).slice(0, 300)}`);
  return json.data;
}

/** Each document against `{ __typename }`, A B B A per round; req/s the mean of the runs. */
export async function readModelRatios(port, { duration, connections, rounds }) {
  assertValidDocuments({ TYPENAME, FIRST_PAGE_FULL, REFERENCE_LISTS });
  const run = async (query) => {
    const r = await load({ url: `http://127.0.0.1:${port}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }), connections, duration });
    if (r.non2xx || r.errors || r.timeouts) console.warn(`  ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
  };
  const targets = [
    { name: 'catalogue first page with totalCount, relations and facets (anonymous)', query: FIRST_PAGE_FULL, minRatio: 0.25 },
    { name: 'reference lists: sections and partners (anonymous)', query: REFERENCE_LISTS, minRatio: 0.5 },
  ];
  for (const t of targets) await gql(port, {}, t.query); // fills the cache, as any first reader would
  const rows = [];
  for (const t of targets) {
    const base = [];
    const doc = [];
    await run(t.query);
    for (let i = 0; i < rounds; i++) {
      base.push(await run(TYPENAME));
      doc.push(await run(t.query));
      doc.push(await run(t.query));
      base.push(await run(TYPENAME));
    }
    const sum = (runs) => ({ rps: mean(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) });
    rows.push({ ...t, doc: sum(doc), base: sum(base) });
  }
  return rows;
}

/**
 * The mixed workload's sequence, cycled by every connection: 7 catalogue reads by a liaison officer, 2 reads by
 * staff, 1 write (submit, comment and transition in turn).
 */
export async function mixedRequests(url, { liaison, staff, partner, section, offeringId, terms }) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows: codes } = await db.query(`SELECT code FROM offering WHERE status = 'PUBLISHED' ORDER BY code LIMIT 50`);
  const { rows: open } = await db.query(
    `SELECT r.id, r.version, r.status FROM cooperation_request r JOIN section s ON s.id = r.routed_section_id
      WHERE s.code = $1 AND r.status IN ('SUBMITTED', 'UNDER_REVIEW') ORDER BY r.submitted_at DESC LIMIT 50000`, [section]);
  await db.end();
  const staffIds = open.slice(0, 200).map((r) => r.id);
  if (staffIds.length === 0) throw new Error(`mixed workload: no open request in section ${section} to read and comment on`);
  // Moved on once each (SUBMITTED → UNDER_REVIEW, UNDER_REVIEW → INFORMATION_REQUESTED), after the first 200 that staff read and comment on.
  let transition = Math.min(200, open.length);
  let write = 0;
  let n = 0;
  const pick = (xs) => xs[n++ % xs.length];
  const body = (query, variables) => JSON.stringify({ query, variables });
  const json = { 'content-type': 'application/json' };
  const read = (headers, make) => ({ method: 'POST', path: '/graphql', headers: { ...json, ...headers }, setupRequest: (req) => ({ ...req, body: make() }) });
  const requests = [
    read(liaison, () => body(FIRST_PAGE_FULL)),
    read(liaison, () => body(ELIGIBLE_PAGE, { partner })),
    read(liaison, () => body(SEARCH, { search: pick([terms.selective, terms.medium]) })),
    read(liaison, () => body(DETAIL, { code: pick(codes).code })),
    read(liaison, () => body(REFERENCE_LISTS)),
    read(liaison, () => body(SEARCH, { search: pick([terms.medium, terms.selective]) })),
    read(liaison, () => body(DETAIL, { code: pick(codes).code })),
    read(staff, () => body(REQUESTS, { filter: { statuses: ['SUBMITTED', 'UNDER_REVIEW'] } })),
    read(staff, () => body(REQUEST, { id: pick(staffIds) })),
    {
      method: 'POST', path: '/graphql', headers: json,
      setupRequest: (req) => {
        const kind = write++ % 3;
        if (kind === 0) {
          return { ...req, headers: { ...json, ...liaison }, body: body(SUBMIT, { input: { offeringId, title: 'Bench: mixed workload', purpose: 'Capacity run.', seatsRequested: 1, priority: 'NORMAL', idempotencyKey: `mixed-${randomUUID()}` } }) };
        }
        // With nothing left to move on (a small dataset), the transition's turn is a comment.
        if (kind === 1 || transition >= open.length) {
          return { ...req, headers: { ...json, ...staff }, body: body(COMMENT, { input: { requestId: pick(staffIds), body: 'Bench: looking into it.', internal: true } }) };
        }
        const next = open[transition++];
        const to = next.status === 'SUBMITTED' ? 'UNDER_REVIEW' : 'INFORMATION_REQUESTED';
        return { ...req, headers: { ...json, ...staff }, body: body(TRANSITION, { input: { id: next.id, expectedVersion: next.version, to, reason: 'Bench: which dates suit you?' } }) };
      },
    },
  ];
  return requests;
}

/** One run at a fixed overall rate; failures are non-2xx answers, errors, timeouts and GraphQL errors in the bodies. */
async function atRate(port, requests, rate, duration, connections) {
  let graphqlErrors = 0;
  // Which errors, by operation and code, with one message each: a failed rate says why.
  const reasons = new Map();
  const counted = requests.map((r) => ({
    ...r,
    onResponse: (status, body) => {
      if (status === 200 && !body.includes('"errors":')) return;
      if (status === 200) graphqlErrors++;
      let key = `HTTP ${status}`;
      let message = body.slice(0, 200);
      try {
        const error = JSON.parse(body).errors?.[0];
        if (error) { key = `${error.path?.[0] ?? 'document'} ${error.extensions?.code ?? 'NO_CODE'}`; message = error.message; }
      } catch { /* not JSON: keep the raw start */ }
      const seen = reasons.get(key) ?? { count: 0, message };
      seen.count++;
      reasons.set(key, seen);
    },
  }));
  const result = await load({ url: `http://127.0.0.1:${port}`, requests: counted, connections, duration, overallRate: rate, timeout: 10 });
  const failures = [...reasons].map(([key, { count, message }]) => `${count}× ${key}: ${message}`);
  return { rate, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts + graphqlErrors, failures };
}

/**
 * Rates doubling from 25 req/s until one fails the condition, then three bisections between the last pass and the
 * first failure: the highest passing rate found.
 */
function report(r) {
  console.log(`  mixed workload at ${r.rate} req/s: ${Math.round(r.rps)} req/s done, p99 ${r.p99} ms, ${r.failed} failed`);
  for (const line of r.failures) console.log(`    ${line}`);
}

export async function mixedWorkload(port, url, ctx, { duration, connections }) {
  assertValidDocuments({ FIRST_PAGE_FULL, REFERENCE_LISTS, ELIGIBLE_PAGE, SEARCH, DETAIL, REQUESTS, REQUEST, SUBMIT, COMMENT, TRANSITION });
  const requests = await mixedRequests(url, ctx);
  const runs = [];
  const passes = (r) => r.p99 <= 250 && r.failed === 0 && r.rps >= r.rate * 0.9;
  // Warm-up: statements planned, pages and indexes in memory, as on a server that has been running.
  await atRate(port, requests, 10, duration, connections);
  let low = 0;
  let high = 0;
  for (let rate = 25; rate <= 12_800; rate *= 2) {
    const r = await atRate(port, requests, rate, duration, connections);
    runs.push(r);
    report(r);
    if (passes(r)) low = rate;
    else { high = rate; break; }
  }
  for (let i = 0; high && i < 3; i++) {
    const rate = Math.round((low + high) / 2);
    const r = await atRate(port, requests, rate, duration, connections);
    runs.push(r);
    report(r);
    if (passes(r)) low = rate;
    else high = rate;
  }
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows } = await db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size,
    (SELECT count(*)::int FROM offering) AS offerings, (SELECT count(*)::int FROM cooperation_request) AS requests`);
  await db.end();
  return { capacity: low, database: rows[0], runs };
}

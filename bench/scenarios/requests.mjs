// Requests scenarios on the 1,000,000 generated requests: a liaison officer's request list (the partner
// with the most requests), a staff triage queue page (50, open and overdue, decision due first, the section
// with the largest backlog), submitRequest (the full transaction: request, timeline, audit, outbox job,
// idempotency record), and the triage queue's statement count at page sizes 10/50/100.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';

const LIST_NODE = `id reference title status priority submittedAt decisionDueAt overdue
  offering { code } routedSection { code }`;

const LIST = `query Requests($first: Int, $after: String, $filter: RequestFilter, $orderBy: RequestOrder) {
  requests(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { ${LIST_NODE} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const SUBMIT = `mutation Submit($input: SubmitRequestInput!) {
  submitRequest(input: $input) {
    request { id reference status routedSection { code } }
    warnings { code }
  }
}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function requestScenarios({ gql, dataset, url, adminEmail, adminPassword }) {
  if (!dataset.requests?.partner) return [];
  const { partner, section } = dataset.requests;
  const login = await gql({}, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: adminEmail, p: adminPassword });
  const admin = { authorization: `Bearer ${login.json.data.login.accessToken}` };
  // A liaison officer of the busiest partner and a staff member of the busiest section, new each run.
  const signIn = async (input) => {
    const email = `bench-${input.role.toLowerCase()}-${Date.now()}-${randomBytes(3).toString('hex')}@example.org`;
    const password = `bench ${randomBytes(12).toString('hex')} Portal!`;
    await gql(admin, 'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }', {
      i: { email, displayName: `Bench ${input.role}`, password, ...input },
    });
    const res = await gql({}, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: email, p: password });
    return { authorization: `Bearer ${res.json.data.login.accessToken}` };
  };
  const liaison = await signIn({ role: 'PARTNER_LIAISON', partnerCode: partner });
  const staff = await signIn({ role: 'SECTION_STAFF', sectionCodes: [section] });

  // An offering the partner may request without dates: published, open to every partner, no lead time.
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows } = await db.query(
    `SELECT o.id FROM offering o
      WHERE o.code LIKE 'BENCH-%' AND o.status = 'PUBLISHED' AND o.lead_time_days = 0
        AND NOT EXISTS (SELECT 1 FROM offering_eligible_partner x WHERE x.offering_id = o.id)
        AND NOT EXISTS (SELECT 1 FROM offering_eligible_framework y WHERE y.offering_id = o.id)
      ORDER BY o.code LIMIT 1`,
  );
  await db.end();
  const offeringId = rows[0].id;

  const triage = (first) => ({ first, filter: { statuses: ['SUBMITTED', 'UNDER_REVIEW', 'INFORMATION_REQUESTED'], overdue: true }, orderBy: 'DECISION_DUE' });
  const submitInput = (key) => ({
    input: { offeringId, title: 'Bench: two officers for the course', purpose: 'Benchmark submission.', seatsRequested: 2, priority: 'NORMAL', idempotencyKey: key },
  });
  // The lists have no read model: their SQL path is what production serves, held to issue #19's ≥ 0.8× for reads.
  return [
    { name: 'requests-liaison-list', headers: liaison, query: LIST, variables: () => ({ first: 20 }), minRatio: 0.8, maxStatements: 4 },
    { name: 'requests-triage-queue', headers: staff, query: LIST, variables: () => triage(50), minRatio: 0.8, maxStatements: 4 },
    {
      name: 'requests-submit',
      headers: liaison,
      query: SUBMIT,
      // A new submission each time: a fresh idempotency key (autocannon replaces [<id>] per request).
      variables: () => submitInput(`bench-${randomUUID()}`),
      loadVariables: () => submitInput('bench-[<id>]'),
      idReplacement: true,
      minRatio: 0.5,
      // The baseline replays the recorded transaction with these values fresh per request: the idempotency
      // key (alone or inside a value, as in the advisory lock's), ids the app made itself (a UUID first seen as a parameter of an INSERT), and ids the database
      // made (returned by an INSERT, followed by the baseline); ids read before the first write (as parameters or
      // in a read's rows) stay.
      freshValues: (statements) => {
        const fresh = new Set();
        const seen = new Set();
        for (const st of statements) {
          const insert = /^\s*INSERT/i.test(st.text);
          for (const v of st.values ?? []) {
            if (typeof v !== 'string') continue;
            if (/bench-[0-9a-f-]{36}/.test(v) || (insert && UUID.test(v) && !seen.has(v))) fresh.add(v);
            seen.add(v);
          }
          for (const v of st.returned ?? []) if (typeof v === 'string' && UUID.test(v) && !seen.has(v)) fresh.add(v);
          for (const v of st.read ?? []) seen.add(v);
        }
        return fresh;
      },
    },
    ...[10, 50, 100].map((n) => ({
      name: `requests-triage-page-${n}`, headers: staff, query: LIST, variables: () => triage(n),
      load: false, pageSizeGroup: 'requests triage queue', pageSize: n,
    })),
  ];
}

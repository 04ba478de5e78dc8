// Catalogue scenarios: search (selective, medium, common terms, with facets, 20 per page), offering
// detail, first and deep keyset pages, and the statement count of a result page at 10/50/100.
import pg from 'pg';

/** What a catalogue result list shows for each offering. */
const LIST_NODE = `id code title summary kind deliveryMode
  owningSection { code name }
  iterations { startDate endDate location status seatsAvailable }`;

const FACETS = `totalCount
  facets { kinds { value count } deliveryModes { value count } sections { value count } areas { value count } topics { value count } }`;

const SEARCH = `query Search($search: String, $first: Int, $after: String) {
  offerings(search: $search, first: $first, after: $after, language: EN) {
    ${FACETS}
    edges { cursor node { ${LIST_NODE} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const BROWSE = `query Browse($first: Int, $after: String) {
  offerings(first: $first, after: $after, language: EN) {
    edges { cursor node { ${LIST_NODE} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const DETAIL = `query Detail($code: String) {
  offering(code: $code, language: EN) {
    id code title summary description kind subtype status deliveryMode deliveryLanguages leadTimeDays
    prerequisites costNotes releasability etocCode eprimeReference version createdAt updatedAt
    owningSection { code name mailbox } provider { code name }
    iterations { id startDate endDate location capacity seatsAllocated seatsAvailable applicationDeadline status }
    areas { code name } topics { code name }
  }
}`;

export async function catalogueScenarios({ gql, dataset, url, encodeCursor, adminEmail, adminPassword }) {
  const login = await gql({}, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: adminEmail, p: adminPassword });
  const admin = { authorization: `Bearer ${login.json.data.login.accessToken}` };
  const key = await gql(admin, 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', {
    i: { name: `bench ${new Date().toISOString()}`, scope: 'CATALOGUE' },
  });
  const headers = { authorization: `Bearer ${key.json.data.createApiKey.secret}` };
  const terms = dataset.catalogue.terms;

  // The cursor of the 90,000th offering in code order (what a client would hold after walking that far).
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows } = await db.query(`SELECT id, code FROM offering WHERE status = 'PUBLISHED' ORDER BY code, id OFFSET $1 LIMIT 1`, [
    Math.floor(dataset.catalogue.offerings * 0.9),
  ]);
  await db.end();
  const deepCursor = encodeCursor('CODE', [rows[0].code, rows[0].id]);

  const search = (name, term) => ({
    name, headers, query: SEARCH, variables: () => ({ search: term, first: 20 }), minRatio: 0.65, maxP99Ratio: 1.5, maxStatements: 4, readModelRatio: 0.8,
  });
  // minRatio: the SQL path (response cache off) against the bare replay of its statements; readModelRatio: the
  // same scenario as production serves it, from the read model (issue #19, item 5: reads ≥ 0.8× the baseline).
  return [
    search('catalogue-search-selective', terms.selective),
    search('catalogue-search-medium', terms.medium),
    search('catalogue-search-common', terms.common),
    { name: 'catalogue-offering-detail', headers, query: DETAIL, variables: () => ({ code: 'BENCH-054321' }), minRatio: 0.6, readModelRatio: 0.8 },
    { name: 'catalogue-first-page', headers, query: BROWSE, variables: () => ({ first: 20 }), minRatio: 0.6, maxStatements: 4, readModelRatio: 0.8 },
    { name: 'catalogue-deep-page', headers, query: BROWSE, variables: () => ({ first: 20, after: deepCursor }), minRatio: 0.6, maxStatements: 4, readModelRatio: 0.8 },
    ...[10, 50, 100].map((n) => ({
      name: `catalogue-search-page-${n}`, headers, query: SEARCH, variables: () => ({ search: terms.medium, first: n }),
      load: false, pageSizeGroup: 'catalogue search with facets', pageSize: n,
    })),
  ];
}

import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost, RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { ALLOW_KEY, PUBLIC_KEY } from '../src/common/auth/allow.decorator.js';
import { NO_PERMISSION_MESSAGE, SIGN_IN_MESSAGE } from '../src/common/auth/authorization.guard.js';
import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { SESSION_ENDED_MESSAGE } from '../src/identity/authentication.service.js';
import { actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { makeIteration, makeOffering, SUBMIT, submitInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN';
type ActorName =
  | 'anonymous' | 'liaisonGEO' | 'liaisonJOR' | 'staffCTS' | 'staffDSCD' | 'coordinator' | 'admin'
  | 'keyCatalogue' | 'keyPartnerGEO' | 'keySectionCTS' | 'deactivated';

const ALL: ActorName[] = ['anonymous', 'liaisonGEO', 'liaisonJOR', 'staffCTS', 'staffDSCD', 'coordinator', 'admin', 'keyCatalogue', 'keyPartnerGEO', 'keySectionCTS', 'deactivated'];
const SIGNED_IN = ALL.filter((a) => a !== 'anonymous' && a !== 'deactivated');

/** Who may call what, written out by hand: the test of the guard, not a copy of its metadata. */
const GROUPS = {
  /** Anyone, signed in or not. */
  PUBLIC: ALL,
  /** Any user or key. */
  SIGNED_IN,
  /** Catalogue and reference data reads: every user and every key scope (CATALOGUE_PUBLIC off). */
  CATALOGUE_READ: SIGNED_IN,
  /** Administrators only. */
  ADMIN: ['admin'] as ActorName[],
  /** Requests in scope: every user role and the partner- and section-scoped keys. */
  REQUEST_READ: ['liaisonGEO', 'liaisonJOR', 'staffCTS', 'staffDSCD', 'coordinator', 'admin', 'keyPartnerGEO', 'keySectionCTS'] as ActorName[],
  STATISTICS: ['staffCTS', 'staffDSCD', 'coordinator', 'admin'] as ActorName[],
  LIAISON: ['liaisonGEO', 'liaisonJOR'] as ActorName[],
  TRIAGE: ['staffCTS', 'staffDSCD', 'coordinator'] as ActorName[],
  /** Triage staff and administrators (canned replies: the service decides which rows). */
  TRIAGE_OR_ADMIN: ['staffCTS', 'staffDSCD', 'coordinator', 'admin'] as ActorName[],
  /** Liaison officers and triage (the lifecycle decides the rest). */
  REQUEST_PARTIES: ['liaisonGEO', 'liaisonJOR', 'staffCTS', 'staffDSCD', 'coordinator'] as ActorName[],
};

const EXPECTED: Record<string, keyof typeof GROUPS> = {
  // system
  serverInfo: 'PUBLIC',
  // identity
  me: 'SIGNED_IN',
  login: 'PUBLIC',
  refreshSession: 'PUBLIC',
  logout: 'PUBLIC',
  setPassword: 'PUBLIC',
  requestPasswordReset: 'PUBLIC',
  signInOptions: 'PUBLIC',
  mySessions: 'SIGNED_IN',
  endSession: 'SIGNED_IN',
  // the guard lets any caller through; the service refuses API keys, and administrators turning theirs off
  startSecondFactorEnrolment: 'SIGNED_IN',
  confirmSecondFactorEnrolment: 'SIGNED_IN',
  disableSecondFactor: 'SIGNED_IN',
  users: 'ADMIN',
  user: 'ADMIN',
  createUser: 'ADMIN',
  updateUser: 'ADMIN',
  deactivateUser: 'ADMIN',
  reactivateUser: 'ADMIN',
  resetUserPassword: 'ADMIN',
  apiKeys: 'ADMIN',
  createApiKey: 'ADMIN',
  revokeApiKey: 'ADMIN',
  // audit trail
  auditEvents: 'ADMIN',
  auditEventsCsv: 'ADMIN',
  // catalogue and reference data
  offerings: 'CATALOGUE_READ',
  offering: 'CATALOGUE_READ',
  cooperationAreas: 'CATALOGUE_READ',
  topics: 'CATALOGUE_READ',
  partners: 'CATALOGUE_READ',
  partner: 'CATALOGUE_READ',
  partnershipFrameworks: 'CATALOGUE_READ',
  programmeFlags: 'CATALOGUE_READ',
  releasabilityMarkings: 'CATALOGUE_READ',
  sections: 'CATALOGUE_READ',
  section: 'CATALOGUE_READ',
  createOffering: 'ADMIN',
  updateOffering: 'ADMIN',
  publishOffering: 'ADMIN',
  archiveOffering: 'ADMIN',
  upsertOfferingIteration: 'ADMIN',
  upsertCooperationArea: 'ADMIN',
  upsertTopic: 'ADMIN',
  upsertPartner: 'ADMIN',
  upsertPartnershipFramework: 'ADMIN',
  upsertSection: 'ADMIN',
  // requests
  requests: 'REQUEST_READ',
  request: 'REQUEST_READ',
  requestStatistics: 'STATISTICS',
  saveRequestDraft: 'LIAISON',
  submitRequest: 'LIAISON',
  withdrawRequest: 'LIAISON',
  respondToInformationRequest: 'LIAISON',
  revealParticipants: 'ADMIN',
  transitionRequest: 'REQUEST_PARTIES',
  rerouteRequest: 'TRIAGE',
  assignRequest: 'TRIAGE',
  assignRequests: 'TRIAGE',
  cannedReplies: 'TRIAGE_OR_ADMIN',
  saveCannedReply: 'TRIAGE_OR_ADMIN',
  deleteCannedReply: 'TRIAGE_OR_ADMIN',
  savedViews: 'TRIAGE',
  saveView: 'TRIAGE',
  deleteSavedView: 'TRIAGE',
  // seats (issue #14)
  approveRequest: 'TRIAGE',
  seatBoard: 'TRIAGE',
  confirmSeatOffer: 'LIAISON',
  declineSeatOffer: 'LIAISON',
  updateNominees: 'LIAISON',
  requestSubstitution: 'LIAISON',
  decideSubstitution: 'TRIAGE',
  addComment: 'REQUEST_PARTIES',
  routingRules: 'ADMIN',
  createRoutingRule: 'ADMIN',
  updateRoutingRule: 'ADMIN',
  reorderRoutingRules: 'ADMIN',
  deleteRoutingRule: 'ADMIN',
  // nominees, attendance, surveys (issue #14 items 5 and 8; row rules in the services)
  nominees: 'REQUEST_READ',
  createNominee: 'LIAISON',
  updateNominee: 'LIAISON',
  deleteNominee: 'LIAISON',
  setNomineeRequirement: 'ADMIN',
  recordAttendance: 'TRIAGE',
  trainingHistory: 'REQUEST_READ',
  courseSurveys: 'LIAISON',
  submitCourseSurvey: 'LIAISON',
  surveyResults: 'STATISTICS',
  // documents (issue #16): uploads and downloads are REST routes, tested in documents-*.e2e-spec.ts
  removeAttachment: 'REQUEST_PARTIES',
  catalogueImport: 'ADMIN',
  catalogueImports: 'ADMIN',
  // partners' plans, funding, dashboards (issue #17; plan and funding row rules in their services)
  partnerObjectives: 'REQUEST_READ',
  partnerObjective: 'REQUEST_READ',
  createObjective: 'SIGNED_IN',
  updateObjective: 'SIGNED_IN',
  dashboard: 'REQUEST_READ',
  dashboardCsv: 'REQUEST_READ',
  fundingSources: 'SIGNED_IN',
  fundingTotals: 'REQUEST_READ',
  fundingTotalsCsv: 'REQUEST_READ',
  addFundingLine: 'SIGNED_IN',
  updateFundingLine: 'SIGNED_IN',
  removeFundingLine: 'SIGNED_IN',
  knowledgeArticles: 'CATALOGUE_READ',
  knowledgeArticle: 'CATALOGUE_READ',
  saveKnowledgeArticle: 'ADMIN',
  supportOffers: 'SIGNED_IN',
  supportOffersForRequest: 'SIGNED_IN',
  requestsForSupportOffer: 'SIGNED_IN',
  createSupportOffer: 'SIGNED_IN',
  closeSupportOffer: 'SIGNED_IN',
  linkSupportMatch: 'TRIAGE',
  linkRequestObjective: 'REQUEST_PARTIES',
  // notifications
  notifications: 'SIGNED_IN',
  markNotificationsRead: 'SIGNED_IN',
  markRequestNoticesRead: 'SIGNED_IN',
  mailPreferences: 'SIGNED_IN',
  setMailPreference: 'SIGNED_IN',
  setMyLanguage: 'SIGNED_IN',
  // outbound webhooks (issue #16)
  webhookEndpoints: 'ADMIN',
  webhookEndpoint: 'ADMIN',
  createWebhookEndpoint: 'ADMIN',
  updateWebhookEndpoint: 'ADMIN',
  rotateWebhookSecret: 'ADMIN',
  deleteWebhookEndpoint: 'ADMIN',
  // calendar feeds (issue #16): people only (the service refuses API keys)
  calendarFeed: 'SIGNED_IN',
  regenerateCalendarFeed: 'SIGNED_IN',
  revokeCalendarFeed: 'SIGNED_IN',
  followOffering: 'SIGNED_IN',
  unfollowOffering: 'SIGNED_IN',
  // request fields per kind and SPS peer review (issue #15; the SPS services narrow TRIAGE to SPS staff and reviewers)
  alliedNations: 'SIGNED_IN',
  requestFieldSchema: 'CATALOGUE_READ',
  requestFieldSchemas: 'ADMIN',
  setRequestFieldSchema: 'ADMIN',
  spsRubric: 'TRIAGE',
  spsDecisionOutcomes: 'TRIAGE',
  spsReviewerCandidates: 'TRIAGE',
  mySpsReviews: 'TRIAGE',
  spsApplication: 'TRIAGE',
  spsApplicationsToSchedule: 'TRIAGE',
  spsCommitteeBatches: 'TRIAGE',
  spsCommitteeBatch: 'TRIAGE',
  assignSpsReviewer: 'TRIAGE',
  submitSpsReview: 'TRIAGE',
  createSpsCommitteeBatch: 'TRIAGE',
  addApplicationsToSpsBatch: 'TRIAGE',
  recordSpsDecision: 'TRIAGE',
};

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';

/** A value GraphQL accepts for this input type: required input fields only, the first enum value. */
function dummy(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return [dummy(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, dummy(f.type)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID': return DUMMY_ID;
      case 'Int': return 1;
      case 'Float': return 1;
      case 'Boolean': return false;
      case 'DateTime': return '2030-01-01T00:00:00.000Z';
      case 'Date':
      case 'LocalDate':
        return '2030-01-01';
      default: return 'x';
    }
  }
  throw new Error(`no dummy value for ${String(type)}`);
}

/** One operation calling `field` with schema-valid dummy arguments. */
function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const defs = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = 'getFields' in named ? ' { __typename }' : '';
  return {
    query: `${kind}${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((a) => [a.name, dummy(a.type)])),
  };
}

function outcomeOf(res: { errors?: Array<{ message: string; path?: unknown; extensions?: Record<string, unknown> }> }): Outcome | 'invalid request' {
  const error = res.errors?.[0];
  // Without a path the document or its variables were refused before execution: the dummy arguments are wrong.
  if (error && !error.path) return 'invalid request';
  if (error?.extensions?.code === 'FORBIDDEN' && error.message === NO_PERMISSION_MESSAGE) return 'FORBIDDEN';
  if (error?.extensions?.code === 'UNAUTHENTICATED' && [SIGN_IN_MESSAGE, SESSION_ENDED_MESSAGE].includes(error.message)) return 'UNAUTHENTICATED';
  return 'allowed';
}

function expectedOutcome(actor: ActorName, allowed: ActorName[]): Outcome {
  if (allowed.includes(actor)) return 'allowed';
  return actor === 'anonymous' || actor === 'deactivated' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
}

async function callersOf(t: TestApp): Promise<Record<ActorName, Record<string, string>>> {
  const a = actors(t);
  const admin = await a.asAdmin();
  const deactivated = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
  const off = await t.gql(graphql('mutation($id: ID!) { deactivateUser(id: $id) { active } }'), { id: deactivated.id }, admin);
  expect(off.data?.deactivateUser.active).toBe(false);
  return {
    anonymous: {},
    liaisonGEO: await a.asPartner('GEO'),
    liaisonJOR: await a.asPartner('JOR'),
    staffCTS: await a.asStaff('CTS'),
    staffDSCD: await a.asStaff('DSCD'),
    coordinator: await a.asCoordinator('GEO', 'JOR'),
    admin,
    keyCatalogue: await a.asApiKey(ApiKeyScope.CATALOGUE),
    keyPartnerGEO: await a.asApiKey(ApiKeyScope.PARTNER, { partnerCode: 'GEO' }),
    keySectionCTS: await a.asApiKey(ApiKeyScope.SECTION, { sectionCode: 'CTS' }),
    deactivated: deactivated.headers,
  };
}

function rootFields(t: TestApp): Array<{ kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }> {
  const schema = t.app.get(GraphQLSchemaHost).schema;
  const of = (kind: 'query' | 'mutation', type: GraphQLObjectType | null | undefined) => Object.values(type?.getFields() ?? {}).map((field) => ({ kind, field }));
  return [...of('query', schema.getQueryType()), ...of('mutation', schema.getMutationType())];
}

describe('authorization matrix: every caller × every operation of the schema', () => {
  let t: TestApp;
  let callers: Record<ActorName, Record<string, string>>;

  beforeAll(async () => {
    // Dummy sign-ins from one address must not trip the throttle.
    t = await startTestApp({
      env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', LOGIN_MAX_FAILURES_PER_IP: '10000', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000' },
      extraModules: [DiscoveryModule],
    });
    callers = await callersOf(t);
  });
  afterAll(() => t.close());

  it('has an expectation for every operation in the schema', () => {
    const missing = rootFields(t).map((r) => r.field.name).filter((name) => !(name in EXPECTED));
    expect(missing).toEqual([]);
  });

  it('gives each caller the expected outcome on each operation', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const { kind, field } of rootFields(t)) {
      const group = EXPECTED[field.name];
      if (!group) continue; // reported by the test above
      const { query, variables } = operationFor(kind, field);
      // Admin last: its calls may change data (dummy creates), never another caller's credentials.
      for (const actor of [...ALL.filter((x) => x !== 'admin'), 'admin' as const]) {
        const res = await t.rawGql(query, variables, callers[actor]); // generated from the live schema, so untyped
        const got = outcomeOf(res);
        const want = expectedOutcome(actor, GROUPS[group]);
        cells += 1;
        if (got !== want) mismatches.push(`${field.name} as ${actor}: expected ${want}, got ${got} ${JSON.stringify(res.errors?.[0] ?? null)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length * ALL.length - ALL.length * 2);
  });

  it('declares @Allow or @Public on every query and mutation resolver method', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    const declared = new Map<string, string>();
    const undeclared: string[] = [];
    for (const wrapper of discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const method = prototype[name] as (...args: unknown[]) => unknown;
        const type = Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as string | undefined;
        if (type !== 'Query' && type !== 'Mutation') continue;
        const operation = (Reflect.getMetadata(RESOLVER_NAME_METADATA, method) as string | undefined) ?? name;
        const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [method, instance.constructor]);
        const allow = reflector.getAllAndOverride<unknown[]>(ALLOW_KEY, [method, instance.constructor]);
        if (isPublic || (allow && allow.length > 0)) declared.set(operation, `${instance.constructor.name}.${name}`);
        else undeclared.push(`${instance.constructor.name}.${name}`);
      }
    }
    expect(undeclared).toEqual([]);
    // Every operation of the schema was found among the declared methods.
    expect(rootFields(t).map((r) => r.field.name).filter((n) => !declared.has(n))).toEqual([]);
  });
});

describe('authorization with CATALOGUE_PUBLIC=true', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', CATALOGUE_PUBLIC: 'true' } });
  });
  afterAll(() => t.close());

  it('opens catalogue reads to anonymous callers and nothing else', async () => {
    const mismatches: string[] = [];
    for (const { kind, field } of rootFields(t)) {
      const group = EXPECTED[field.name];
      if (!group) continue;
      const { query, variables } = operationFor(kind, field);
      const got = outcomeOf(await t.rawGql(query, variables));
      const want: Outcome = group === 'PUBLIC' || group === 'CATALOGUE_READ' ? 'allowed' : 'UNAUTHENTICATED';
      if (got !== want) mismatches.push(`${field.name}: expected ${want}, got ${got}`);
    }
    expect(mismatches).toEqual([]);
  });
});

/**
 * Releasability (issue #15) for every caller on every read path of an offering: one offering RELEASABLE TO GEO,
 * one NATO UNCLASSIFIED, one PUBLIC, and a GEO request for the first (read through the request's loaders).
 */
describe('releasability: every caller × every read path of an offering', () => {
  let t: TestApp;
  let callers: Record<ActorName, Record<string, string>>;
  const ids: Record<string, string> = {};
  let requestId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', CATALOGUE_PUBLIC: 'true', WORKERS_ENABLED: 'false' } });
    callers = await callersOf(t);
    ids.listed = (await makeOffering(t, { code: 'AUTH-REL-GEO', owningSectionCode: 'CTS', releasability: 'RELEASABLE TO', releasablePartnerCodes: ['GEO'] })).id;
    ids.nu = (await makeOffering(t, { code: 'AUTH-REL-NU', owningSectionCode: 'CTS' })).id;
    ids.public = (await makeOffering(t, { code: 'AUTH-REL-PUBLIC', owningSectionCode: 'CTS', releasability: 'PUBLIC' })).id;
    const iterationId = await makeIteration(t, ids.listed);
    const submitted = await t.gql(SUBMIT, { input: submitInput(ids.listed, { iterationId }) }, callers.liaisonGEO);
    expect(submitted.errors).toBeUndefined();
    requestId = submitted.data!.submitRequest.request.id;
  });
  afterAll(() => t.close());

  /** Who sees each offering (deactivated: nobody, signed out). */
  const SEES: Record<ActorName, string[]> = {
    anonymous: ['AUTH-REL-PUBLIC'],
    liaisonGEO: ['AUTH-REL-GEO', 'AUTH-REL-NU', 'AUTH-REL-PUBLIC'],
    liaisonJOR: ['AUTH-REL-NU', 'AUTH-REL-PUBLIC'],
    staffCTS: ['AUTH-REL-GEO', 'AUTH-REL-NU', 'AUTH-REL-PUBLIC'],
    staffDSCD: ['AUTH-REL-GEO', 'AUTH-REL-NU', 'AUTH-REL-PUBLIC'],
    coordinator: ['AUTH-REL-GEO', 'AUTH-REL-NU', 'AUTH-REL-PUBLIC'],
    admin: ['AUTH-REL-GEO', 'AUTH-REL-NU', 'AUTH-REL-PUBLIC'],
    keyCatalogue: ['AUTH-REL-NU', 'AUTH-REL-PUBLIC'],
    keyPartnerGEO: ['AUTH-REL-GEO', 'AUTH-REL-NU', 'AUTH-REL-PUBLIC'],
    keySectionCTS: ['AUTH-REL-GEO', 'AUTH-REL-NU', 'AUTH-REL-PUBLIC'],
    deactivated: [],
  };
  const PATHS = graphql(`query($id: ID!, $code: String!) {
    list: offerings(first: 100) { totalCount facets { kinds { value count } } edges { node { code } } }
    search: offerings(first: 100, search: "AUTH-REL") { totalCount edges { node { code } } }
    byCode: offering(code: $code) { code }
    byId: offering(id: $id) { code }
  }`);
  const REQUEST = graphql('query($id: ID!) { request(id: $id) { offering { code } iteration { id } } }');

  it('gives each caller the same answer in the list, search, total, facets and single reads', async () => {
    const mismatches: string[] = [];
    for (const name of ALL) {
      if (name === 'deactivated') continue;
      const seen: Record<string, string[]> = { list: [], search: [], byCode: [], byId: [], total: [], facet: [] };
      for (const [key, id] of Object.entries(ids)) {
        const code = { listed: 'AUTH-REL-GEO', nu: 'AUTH-REL-NU', public: 'AUTH-REL-PUBLIC' }[key]!;
        const res = await t.gql(PATHS, { id, code }, callers[name]);
        if (res.errors) {
          mismatches.push(`${name}: ${res.errors[0].message}`);
          continue;
        }
        const d = res.data!;
        if (d.byCode) seen.byCode.push(code);
        if (d.byId) seen.byId.push(code);
        if (key === 'listed') {
          seen.list = d.list.edges.map((e) => e.node.code).sort();
          seen.search = d.search.edges.map((e) => e.node.code).sort();
          seen.total = [String(d.list.totalCount), String(d.search.totalCount)];
          seen.facet = [String(d.list.facets.kinds.reduce((s, k) => s + k.count, 0))];
        }
      }
      const want = SEES[name];
      for (const path of ['list', 'search', 'byCode', 'byId'] as const) {
        if (JSON.stringify([...seen[path]].sort()) !== JSON.stringify(want)) mismatches.push(`${name} ${path}: saw ${seen[path].join(',')}, expected ${want.join(',')}`);
      }
      if (seen.total.some((n) => n !== String(want.length)) || seen.facet[0] !== String(want.length)) mismatches.push(`${name} totals: ${seen.total.join('/')} facets ${seen.facet[0]}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("applies it in the request's loaders: the partner and the routed section see its offering, until it is no longer released to the partner", async () => {
    const read = async (name: ActorName) => (await t.gql(REQUEST, { id: requestId }, callers[name])).data?.request ?? null;
    expect((await read('liaisonGEO'))?.offering).toEqual({ code: 'AUTH-REL-GEO' });
    expect((await read('staffCTS'))?.offering).toEqual({ code: 'AUTH-REL-GEO' });
    expect(await read('liaisonJOR')).toBeNull(); // another partner's request: not found at all
    await adminQuery(t.databaseUrl, `DELETE FROM offering_releasable_partner WHERE offering_id = $1`, [ids.listed]);
    await adminQuery(t.databaseUrl, `INSERT INTO offering_releasable_partner (offering_id, partner_id) SELECT $1, id FROM partner WHERE code = 'JOR'`, [ids.listed]);
    expect(await read('liaisonGEO')).toEqual({ offering: null, iteration: null });
    expect(await read('keyPartnerGEO')).toEqual({ offering: null, iteration: null });
    expect((await read('staffCTS'))?.offering).toEqual({ code: 'AUTH-REL-GEO' });
  });
});

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
  // notifications
  notifications: 'SIGNED_IN',
  markNotificationsRead: 'SIGNED_IN',
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

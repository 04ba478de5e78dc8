import { graphql } from './support/graphql.js';
import { actors, type Actors } from './support/actors.js';
import { makeOffering, SUBMIT, submitInput } from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Requests read partners, frameworks and sections only through OrganisationModule's exports: a framework rule
// is matched against the partner's frameworks from the organisation's loader, and rule codes resolve through its services.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const CREATE = graphql(`mutation($input: CreateRoutingRuleInput!) { createRoutingRule(input: $input) { id targetSection { code } partner { code } framework { code } } }`);

describe('routing through the organisation exports', () => {
  it('routes a partner of a rule framework by the rule and another partner to the owning section', async () => {
    const admin = await a.asAdmin();
    const rule = await t.gql(CREATE, { input: { name: 'Mediterranean Dialogue to the south desk', frameworkCode: 'MD', targetSectionCode: 'PASP_DESK_SOUTH' } }, admin);
    expect(rule.errors).toBeUndefined();
    expect(rule.data!.createRoutingRule).toMatchObject({ targetSection: { code: 'PASP_DESK_SOUTH' }, partner: null, framework: { code: 'MD' } });

    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    // Seed: Jordan is in MD, Georgia in EAPC_PFP only.
    const fromJor = await t.gql(SUBMIT, { input: submitInput(offering.id) }, await a.asPartner('JOR'));
    expect(fromJor.errors).toBeUndefined();
    expect(fromJor.data!.submitRequest.request).toMatchObject({ routedSection: { code: 'PASP_DESK_SOUTH' }, routingReason: 'RULE' });
    const fromGeo = await t.gql(SUBMIT, { input: submitInput(offering.id) }, await a.asPartner('GEO'));
    expect(fromGeo.errors).toBeUndefined();
    expect(fromGeo.data!.submitRequest.request).toMatchObject({ routedSection: { code: 'CTS' }, routingReason: 'OWNING_SECTION' });
  });

  it('names an unknown partner or framework code of a rule as bad input, and resolves known ones', async () => {
    const admin = await a.asAdmin();
    const unknownPartner = await t.gql(CREATE, { input: { name: 'x', partnerCode: 'NOPE', targetSectionCode: 'CTS' } }, admin);
    expect(unknownPartner.errors![0]).toMatchObject({ message: 'input.partnerCode "NOPE" does not exist.', extensions: { code: 'BAD_USER_INPUT' } });
    const unknownFramework = await t.gql(CREATE, { input: { name: 'x', frameworkCode: 'NOPE', targetSectionCode: 'CTS' } }, admin);
    expect(unknownFramework.errors![0]).toMatchObject({ message: 'input.frameworkCode "NOPE" does not exist.', extensions: { code: 'BAD_USER_INPUT' } });
    const both = await t.gql(CREATE, { input: { name: 'Georgia in PfP', partnerCode: 'GEO', frameworkCode: 'EAPC_PFP', targetSectionCode: 'DSCD' } }, admin);
    expect(both.errors).toBeUndefined();
    expect(both.data!.createRoutingRule).toMatchObject({ targetSection: { code: 'DSCD' }, partner: { code: 'GEO' }, framework: { code: 'EAPC_PFP' } });
  });
});

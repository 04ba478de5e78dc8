import { graphql } from './support/graphql.js';
import { actors, type Actors } from './support/actors.js';
import { makeOffering, SUBMIT, submitInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #17 item 3: offers of support, ranked against open requests by area, topic, language and period with the
// reasons; a covering coordinator links a match and both sides see it; partners never see another's.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const CREATE = graphql(`mutation($input: CreateSupportOfferInput!) { createSupportOffer(input: $input) { id providerKind providerName status area { code } topics { code } languages } }`);
const FOR_REQUEST = graphql(`query($id: ID!) { supportOffersForRequest(requestId: $id) { offer { id title } score reasons linked } }`);
const FOR_OFFER = graphql(`query($id: ID!) { requestsForSupportOffer(offerId: $id) { request { id reference partner { code } } score reasons } }`);
const LINK = graphql(`mutation($input: LinkSupportMatchInput!) { linkSupportMatch(input: $input) { id requestReference score reasons offer { title } } }`);
const REQUEST = graphql(`query($id: ID!) { request(id: $id) { id supportMatches { requestReference reasons offer { providerName title } } } }`);
const OFFERS = graphql(`{ supportOffers { id title matches { requestReference } } }`);

const year = new Date().getUTCFullYear() + 1;
const offerInput = {
  providerKind: 'ALLY' as const,
  providerName: 'Norway',
  supportType: 'MOBILE_TRAINING_TEAM' as const,
  title: 'Counter-IED mobile training team',
  areaCode: 'TRAINING',
  topicCodes: ['COUNTER_IED', 'COUNTER_TERRORISM'],
  languages: ['en', 'fr'],
  availableFrom: `${year}-03-01`,
  availableTo: `${year}-06-30`,
};

describe('two-sided matching', () => {
  it('ranks offers and requests by area, topic, language and period, and shows a linked match to both sides', async () => {
    const coordinator = await a.asCoordinator('GEO');
    const staff = await a.asStaff('CTS');
    const geo = await a.asPartner('GEO');
    const jor = await a.asPartner('JOR');

    // Section staff post for their section or COE, never for an Ally; partners post nothing.
    expect((await t.gql(CREATE, { input: offerInput }, staff)).errors![0]).toMatchObject({
      message: "Section staff post their own section's or COE's offers; an Ally's offer is posted by a coordinator or an administrator.",
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await t.gql(CREATE, { input: offerInput }, geo)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(CREATE, { input: { ...offerInput, topicCodes: ['NOPE'] } }, coordinator)).errors![0].message).toBe('topicCodes: "NOPE" is not a topic; see topics for the codes.');
    const created = await t.gql(CREATE, { input: offerInput }, coordinator);
    expect(created.errors).toBeUndefined();
    const offer = created.data!.createSupportOffer;
    expect(offer).toMatchObject({ providerKind: 'ALLY', status: 'OPEN', area: { code: 'TRAINING' }, languages: ['en', 'fr'] });
    expect(offer.topics.map((x) => x.code).sort()).toEqual(['COUNTER_IED', 'COUNTER_TERRORISM']);
    const other = (await t.gql(CREATE, { input: { ...offerInput, providerKind: 'SECTION', providerName: 'CTS', title: 'Cyber expertise', supportType: 'EXPERTISE', areaCode: 'SCIENCE', topicCodes: ['CYBER_DEFENCE'], languages: ['ar'] } }, staff)).data!.createSupportOffer;

    const fitting = await makeOffering(t, { owningSectionCode: 'CTS', areaCodes: ['TRAINING'], topicCodes: ['COUNTER_IED'] });
    const request = (await t.gql(SUBMIT, { input: submitInput(fitting.id, { desiredStart: `${year}-04-01`, desiredEnd: `${year}-04-10` }) }, geo)).data!.submitRequest.request;
    const unrelated = await makeOffering(t, { owningSectionCode: 'CTS', areaCodes: ['CIVIL_EMERGENCY'] });
    await t.gql(SUBMIT, { input: submitInput(unrelated.id) }, geo);

    const ranked = await t.gql(FOR_REQUEST, { id: request.id }, coordinator);
    expect(ranked.errors).toBeUndefined();
    expect(ranked.data!.supportOffersForRequest).toEqual([{ offer: { id: offer.id, title: 'Counter-IED mobile training team' }, score: 3 + 2 + 2, reasons: ['AREA', 'TOPIC', 'PERIOD'], linked: false }]);
    expect(ranked.data!.supportOffersForRequest.map((c) => c.offer.id)).not.toContain(other.id);
    const requests = (await t.gql(FOR_OFFER, { id: offer.id }, coordinator)).data!.requestsForSupportOffer;
    expect(requests.map((c) => [c.request.reference, c.score])).toEqual([[request.reference, 7]]);
    // Offers and rankings are NATO staff's; a partner learns nothing.
    expect((await t.gql(FOR_REQUEST, { id: request.id }, geo)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(OFFERS, {}, geo)).errors![0].extensions!.code).toBe('FORBIDDEN');

    // Only a coordinator links, and only a request in reach.
    expect((await t.gql(LINK, { input: { offerId: offer.id, requestId: request.id } }, staff)).errors![0]).toMatchObject({ message: 'Coordinators covering the partner link an offer to a request.' });
    expect((await t.gql(LINK, { input: { offerId: offer.id, requestId: request.id } }, await a.asCoordinator('JOR'))).errors![0].extensions!.code).toBe('NOT_FOUND');
    const linked = await t.gql(LINK, { input: { offerId: offer.id, requestId: request.id, note: 'Norway confirmed April' } }, coordinator);
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkSupportMatch).toMatchObject({ requestReference: request.reference, score: 7, reasons: ['AREA', 'TOPIC', 'PERIOD'] });
    expect((await t.gql(LINK, { input: { offerId: offer.id, requestId: request.id } }, coordinator)).errors![0]).toMatchObject({ message: `This offer is already linked to ${request.reference}.`, extensions: { code: 'CONFLICT' } });

    // Both sides see it: the partner on its request, the offering side on the offer; another partner reaches neither.
    expect((await t.gql(REQUEST, { id: request.id }, geo)).data!.request!.supportMatches).toEqual([
      { requestReference: request.reference, reasons: ['AREA', 'TOPIC', 'PERIOD'], offer: { providerName: 'Norway', title: 'Counter-IED mobile training team' } },
    ]);
    expect((await t.gql(REQUEST, { id: request.id }, jor)).data!.request).toBeNull();
    expect((await t.gql(OFFERS, {}, staff)).data!.supportOffers.find((o) => o.id === offer.id)!.matches).toEqual([{ requestReference: request.reference }]);
    expect((await t.gql(FOR_REQUEST, { id: request.id }, coordinator)).data!.supportOffersForRequest[0]!.linked).toBe(true);

    const audit = await adminQuery<{ action: string }>(t.databaseUrl, `SELECT action FROM audit_event WHERE action LIKE 'support.%' ORDER BY at`);
    expect(audit.map((r) => r.action)).toEqual(['support.offer.create', 'support.offer.create', 'support.match.link']);
  });
});

import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { RequestContext } from '../src/common/context/request-context.js';
import { IdentityLoaders } from '../src/identity/identity-loaders.js';
import { OrganisationLoaders } from '../src/organisation/organisation-loaders.js';
import { PartnerService } from '../src/organisation/partner.service.js';
import { SectionService } from '../src/organisation/section.service.js';
import { graphql } from './support/graphql.js';
import { actors, type Actors } from './support/actors.js';
import { countSql } from './support/sql-counter.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** OrganisationModule's loaders are the only ones: every context reads partners and sections through one cache per request. */
describe('organisation loaders', () => {
  let t: TestApp;
  let a: Actors;
  let admin: Record<string, string>;
  /** Statements of an admin request that resolves nothing (authentication). */
  let baseline: number;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false' } });
    a = actors(t);
    admin = await a.asAdmin();
    baseline = (await countSql(() => t.gql(graphql('{ __typename }'), {}, admin))).statements;
  });
  afterAll(() => t.close());

  it("identity's membership loaders take partners and sections from the organisation's cache of the request", async () => {
    const coordinator = await a.user({ role: Role.COORDINATOR, coveredPartnerCodes: ['JOR', 'GEO'] });
    const staff = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
    const ctx = RequestContext.system();
    const [geo] = await t.app.get(PartnerService).byCodes(ctx, ['GEO']);
    const [cts] = await t.app.get(SectionService).byCodes(ctx, ['CTS']);
    const organisation = t.app.get(OrganisationLoaders);
    const identity = t.app.get(IdentityLoaders);

    const loaded = await organisation.partnerById(ctx).load(geo!.id);
    const section = await organisation.sectionById(ctx).load(cts!.id);
    // Only JOR is new: GEO comes from the cache the organisation's loader filled (one statement for the links, one for JOR).
    const covered = await countSql(() => identity.coveredPartnersOfUser(ctx).load(coordinator.id));
    expect(covered.result.map((p) => p.code)).toEqual(['GEO', 'JOR']);
    expect(covered.result[0]).toBe(loaded);
    expect(covered.statements).toBe(2);
    // Every section is cached already: the links are the only statement.
    const sections = await countSql(() => identity.sectionsOfUser(ctx).load(staff.id));
    expect(sections.result).toEqual([section]);
    expect(sections.result[0]).toBe(section);
    expect(sections.statements).toBe(1);
  });

  it('resolves the section tree with one statement per relation, however many sections', async () => {
    const { result, statements } = await countSql(() => t.gql(graphql('{ sections { code parent { code } children { code } } }'), {}, admin));
    expect(result.errors).toBeUndefined();
    const sections = result.data!.sections as { code: string; parent: { code: string } | null; children: { code: string }[] }[];
    expect(sections.length).toBeGreaterThan(20);
    // The tree is consistent: each child names its parent back.
    const parentOf = new Map(sections.map((s) => [s.code, s.parent?.code ?? null]));
    for (const s of sections) for (const child of s.children) expect(parentOf.get(child.code)).toBe(s.code);
    expect(sections.some((s) => s.parent) && sections.some((s) => s.children.length > 0)).toBe(true);
    expect(statements - baseline).toBe(3); // the list, the parents, the children
  });

  it("resolves partners' frameworks with one statement for all partners", async () => {
    const { result, statements } = await countSql(() => t.gql(graphql('{ partners { code frameworks { code } } }'), {}, admin));
    expect(result.errors).toBeUndefined();
    const partners = result.data!.partners as { code: string; frameworks: { code: string }[] }[];
    expect(partners.length).toBeGreaterThan(20);
    expect(partners.some((p) => p.frameworks.length > 0)).toBe(true);
    expect(statements - baseline).toBe(2); // the list, the frameworks
  });

  it("resolves a user's and an API key's partner and section through the organisation's loaders (null where there is none)", async () => {
    const liaison = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const key = await a.apiKey(ApiKeyScope.PARTNER, { partnerCode: 'GEO' });
    const res = await t.gql(
      graphql(`query($id: ID!) { user(id: $id) { partner { code } } apiKeys { id partner { code } section { code } } }`),
      { id: liaison.id },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.user.partner).toEqual({ code: 'GEO' });
    const listed = (res.data!.apiKeys as { id: string; partner: { code: string } | null; section: unknown }[]).find((k) => k.id === key.id);
    expect(listed).toEqual({ id: key.id, partner: { code: 'GEO' }, section: null });
  });
});

import { graphql } from './support/graphql.js';
import { actors, type Actors } from './support/actors.js';
import { makeOffering } from './support/requests.js';
import { countSql } from './support/sql-counter.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #17 item 4: the knowledge base — seeded bilingual articles, the catalogue's kind of search in both
// languages, the tags the offering page and the request form use, and administrators' audited edits.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const SEARCH = graphql(`query($s: String, $areas: [String!], $kind: String, $c: KnowledgeCategory) {
  knowledgeArticles(search: $s, areaCodes: $areas, offeringKind: $kind, category: $c) { slug category title published }
}`);
const ONE = graphql(`query($slug: String!) { knowledgeArticle(slug: $slug) { slug title body titleFr version } }`);
const SAVE = graphql(`mutation($input: SaveKnowledgeArticleInput!) { saveKnowledgeArticle(input: $input) { id slug title version published areaCodes offeringKinds } }`);

describe('knowledge base', () => {
  it('finds the seeded articles by words in English or French, accents and stems aside', async () => {
    const geo = await a.asPartner('GEO');
    const en = await t.gql(SEARCH, { s: 'co-directors grants' }, geo);
    expect(en.errors).toBeUndefined();
    expect(en.data!.knowledgeArticles.map((x) => x.slug)[0]).toBe('sps-grant-rules');
    const fr = await t.gql(SEARCH, { s: 'liste d’attente candidats' }, geo);
    expect(fr.data!.knowledgeArticles.map((x) => x.slug)).toContain('how-to-apply-for-a-course');
    const unaccented = await t.gql(SEARCH, { s: 'admissibilite' }, geo);
    expect(unaccented.data!.knowledgeArticles.map((x) => x.slug)).toContain('who-is-eligible');
    const inFrench = await t.gql(SEARCH, { s: 'SPS' }, { ...geo, 'accept-language': 'fr' });
    expect(inFrench.data!.knowledgeArticles.find((x) => x.slug === 'sps-grant-rules')!.title).toMatch(/^Subventions du programme/);
    expect((await t.gql(SEARCH, { s: 'zzzqqq' }, geo)).data!.knowledgeArticles).toEqual([]);
  });

  it('lists the articles related to an offering by its areas or kind, and by category', async () => {
    const geo = await a.asPartner('GEO');
    const sps = (await t.gql(SEARCH, { kind: 'SPS_GRANT' }, geo)).data!.knowledgeArticles.map((x) => x.slug);
    expect(sps.sort()).toEqual(['funding-sources', 'sps-grant-rules']);
    const training = (await t.gql(SEARCH, { areas: ['TRAINING'], kind: 'TRAINING_COURSE' }, geo)).data!.knowledgeArticles.map((x) => x.slug);
    expect(training).toEqual(['how-to-apply-for-a-course']);
    const eligibility = (await t.gql(SEARCH, { c: 'ELIGIBILITY' }, geo)).data!.knowledgeArticles.map((x) => x.slug);
    expect(eligibility.sort()).toEqual(['dcb-eligibility', 'who-is-eligible']);
  });

  it('lets administrators write articles (audited, versioned) and keeps drafts to them', async () => {
    const admin = await a.asAdmin();
    const geo = await a.asPartner('GEO');
    const input = {
      slug: 'deep-how-to-ask',
      category: 'HOW_TO_APPLY' as const,
      titleEn: 'How to ask for DEEP support',
      titleFr: 'Comment demander un soutien DEEP',
      bodyEn: 'DEEP is demand-driven: your defence education institution asks for curriculum or faculty development.',
      bodyFr: "DEEP répond à la demande : votre établissement d'enseignement de défense sollicite un développement de programme ou du corps enseignant.",
      areaCodes: ['TRAINING'],
      offeringKinds: ['DEEP_PROGRAMME' as const],
      published: false,
    };
    const denied = await t.gql(SAVE, { input }, geo);
    expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
    const badArea = await t.gql(SAVE, { input: { ...input, areaCodes: ['NOPE'] } }, admin);
    expect(badArea.errors![0]).toMatchObject({ message: 'areaCode "NOPE" is not an area of cooperation; see cooperationAreas for the codes.', extensions: { code: 'BAD_USER_INPUT' } });
    const created = await t.gql(SAVE, { input }, admin);
    expect(created.errors).toBeUndefined();
    const article = created.data!.saveKnowledgeArticle;
    expect(article).toMatchObject({ slug: 'deep-how-to-ask', version: 1, published: false, offeringKinds: ['DEEP_PROGRAMME'] });
    // A draft: the partner neither finds nor opens it.
    expect((await t.gql(SEARCH, { s: 'DEEP' }, geo)).data!.knowledgeArticles.map((x) => x.slug)).not.toContain('deep-how-to-ask');
    expect((await t.gql(ONE, { slug: 'deep-how-to-ask' }, geo)).data!.knowledgeArticle).toBeNull();

    const duplicate = await t.gql(SAVE, { input: { ...input, titleEn: 'Other' } }, admin);
    expect(duplicate.errors![0]).toMatchObject({ message: 'Another article already has the slug "deep-how-to-ask". Choose another slug.', extensions: { code: 'CONFLICT' } });
    const published = await t.gql(SAVE, { input: { ...input, id: article.id, expectedVersion: 1, published: true } }, admin);
    expect(published.data!.saveKnowledgeArticle).toMatchObject({ version: 2, published: true });
    const stale = await t.gql(SAVE, { input: { ...input, id: article.id, expectedVersion: 1 } }, admin);
    expect(stale.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 2 } });
    expect((await t.gql(ONE, { slug: 'deep-how-to-ask' }, geo)).data!.knowledgeArticle).toMatchObject({ title: 'How to ask for DEEP support', version: 2 });
    expect((await t.gql(SEARCH, { s: 'faculty development' }, geo)).data!.knowledgeArticles.map((x) => x.slug)).toEqual(['deep-how-to-ask']);

    const audit = await adminQuery<{ action: string }>(t.databaseUrl, 'SELECT action FROM audit_event WHERE target_id = $1 ORDER BY at', [article.id]);
    expect(audit.map((r) => r.action)).toEqual(['knowledge.create', 'knowledge.update']);
  });

  it("is found by the catalogue's search box as offerings are: words, accents aside, beginnings of words, fragments, in both languages", async () => {
    const admin = await a.asAdmin();
    const geo = await a.asPartner('GEO');
    const OFFERINGS = graphql(`query($s: String) { offerings(search: $s, first: 5) { edges { node { code } } } }`);
    const HELP = graphql(`query($s: String, $limit: Int, $language: Language) { knowledgeArticles(search: $s, limit: $limit, language: $language) { slug title } }`);
    const offering = await makeOffering(t, { code: 'KB-CYBER-1' });
    await adminQuery(t.databaseUrl, `UPDATE offering SET description_en = 'Taught at the cyber defence centre in Tallinn.', description_fr = 'Enseigné au centre de cyberdéfense de Tallinn.' WHERE id = $1`, [offering.id]);
    const saved = await t.gql(SAVE, {
      input: {
        slug: 'cyber-courses-in-estonia',
        category: 'GENERAL' as const,
        titleEn: 'Cyber defence courses in Estonia',
        titleFr: 'Cours de cyberdéfense en Estonie',
        bodyEn: 'Courses at the cooperative cyber defence centre in Tallinn: how to nominate officers.',
        bodyFr: 'Les cours du centre de cyberdéfense coopérative de Tallinn : comment désigner des officiers.',
        areaCodes: [],
        offeringKinds: [],
        published: true,
      },
    }, admin);
    expect(saved.errors).toBeUndefined();

    const both = async (s: string) => ({
      offerings: (await t.gql(OFFERINGS, { s }, geo)).data!.offerings.edges.map((e) => e.node.code),
      articles: (await t.gql(HELP, { s }, geo)).data!.knowledgeArticles.map((x) => x.slug),
    });
    // The beginning of a word ("tallin" for Tallinn), in the body or the description.
    const prefix = await both('tallin');
    expect(prefix.offerings).toContain('KB-CYBER-1');
    expect(prefix.articles).toContain('cyber-courses-in-estonia');
    // French words without their accents.
    const unaccented = await both('cyberdefense');
    expect(unaccented.offerings).toContain('KB-CYBER-1');
    expect(unaccented.articles).toContain('cyber-courses-in-estonia');
    // A fragment inside a title word.
    expect((await both('stonie')).articles).toContain('cyber-courses-in-estonia');
    expect(await both('zzzqqq')).toEqual({ offerings: [], articles: [] });

    // The search box's block: the top three in the page's language.
    const top = await t.gql(HELP, { s: 'cours', limit: 3, language: 'FR' }, geo);
    expect(top.errors).toBeUndefined();
    expect(top.data!.knowledgeArticles.length).toBeLessThanOrEqual(3);
    expect(top.data!.knowledgeArticles.find((x) => x.slug === 'cyber-courses-in-estonia')?.title).toBe('Cours de cyberdéfense en Estonie');
    const tooMany = await t.gql(HELP, { s: 'cours', limit: 51 }, geo);
    expect(tooMany.errors![0]).toMatchObject({ message: 'limit must be between 1 and 50.', extensions: { code: 'BAD_USER_INPUT' } });

    // Never served from the catalogue's response cache: drafts make the answer depend on the caller.
    await t.gql(HELP, { s: 'tallin', limit: 3 }, geo);
    const again = await countSql(() => t.gql(HELP, { s: 'tallin', limit: 3 }, geo));
    expect(again.result.data!.knowledgeArticles.map((x) => x.slug)).toContain('cyber-courses-in-estonia');
    expect(again.sql.filter((q) => /knowledge_article/.test(q))).toHaveLength(1);
  });
});

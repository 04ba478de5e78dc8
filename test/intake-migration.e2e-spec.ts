import { DataSource } from 'typeorm';
import { IntakeRules1764900000000 } from '../migrations/1764900000000-IntakeRules.js';
import { OfferingSearchRows1764900800000 } from '../migrations/1764900800000-OfferingSearchRows.js';
import { OfferingSearchFacetBits1764900800100 } from '../migrations/1764900800100-OfferingSearchFacetBits.js';
import { seedReferenceData } from '../src/database/seed/reference-data.seed.js';
import { adminQuery, createTestDatabase } from './support/test-database.js';

// The upgrade path of issue #15's migration on a database with data from before it: free-text markings become
// controlled ones with their recipients, DCB packages move from copied partner lists to the DCB flag.
describe('migration 1764900000000-IntakeRules on existing data', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let source: DataSource;
  const migration = new IntakeRules1764900000000();
  // Later migrations whose triggers read the columns this one adds: taken down first, latest first, put back after.
  const searchRows = [new OfferingSearchFacetBits1764900800100(), new OfferingSearchRows1764900800000()];

  beforeAll(async () => {
    database = await createTestDatabase();
    source = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const q = source.createQueryRunner();
    for (const later of searchRows) await later.down(q);
    await migration.down(q); // the schema as it was before
    await seedReferenceData(source.manager);
    const offering = (code: string, kind: string, releasability: string) =>
      q.query(
        `INSERT INTO offering (code, kind, title_en, owning_section_id, delivery_mode, lead_time_days, status, releasability)
         VALUES ($1, $2, $1, (SELECT id FROM section WHERE code = 'DSCD'), 'RESIDENT', 0, 'PUBLISHED', $3)`,
        [code, kind, releasability],
      );
    await offering('OLD-DCB', 'DCB_PACKAGE', 'NATO UNCLASSIFIED');
    await offering('OLD-DCB-GEO', 'DCB_PACKAGE', 'NATO UNCLASSIFIED');
    await offering('OLD-REL', 'EXPERT_BRIEFING', 'Releasable to GEO, MD');
    await offering('OLD-PUB', 'EXPERT_BRIEFING', ' public ');
    await offering('OLD-ODD', 'EXPERT_BRIEFING', 'NATO RESTRICTED');
    // The copied list: every partner flagged DCB and not suspended.
    await q.query(`INSERT INTO offering_eligible_partner (offering_id, partner_id)
      SELECT o.id, p.id FROM offering o, partner p WHERE o.code = 'OLD-DCB' AND 'DCB' = ANY(p.programme_flags) AND NOT p.suspended`);
    await q.query(`INSERT INTO offering_eligible_partner (offering_id, partner_id)
      SELECT o.id, p.id FROM offering o, partner p WHERE o.code = 'OLD-DCB-GEO' AND p.code = 'GEO'`);
    await migration.up(q);
    for (const later of [...searchRows].reverse()) await later.up(q);
    await q.release();
  });
  afterAll(async () => {
    await source?.destroy();
    await database?.drop();
  });

  const row = async (code: string) =>
    (
      await adminQuery<{ releasability: string; flags: string[]; eligible: string[]; partners: string[]; frameworks: string[] }>(
        database.url,
        `SELECT o.releasability, o.required_programme_flags AS flags,
                ARRAY(SELECT p.code FROM offering_eligible_partner x JOIN partner p ON p.id = x.partner_id WHERE x.offering_id = o.id ORDER BY p.code) AS eligible,
                ARRAY(SELECT p.code FROM offering_releasable_partner x JOIN partner p ON p.id = x.partner_id WHERE x.offering_id = o.id ORDER BY p.code) AS partners,
                ARRAY(SELECT f.code FROM offering_releasable_framework x JOIN partnership_framework f ON f.id = x.framework_id WHERE x.offering_id = o.id ORDER BY f.code) AS frameworks
           FROM offering o WHERE o.code = $1`,
        [code],
      )
    )[0];

  it('moves a DCB package with a copied partner list to the DCB flag, and keeps a one-country package narrowed', async () => {
    expect(await row('OLD-DCB')).toMatchObject({ flags: ['DCB'], eligible: [] });
    expect(await row('OLD-DCB-GEO')).toMatchObject({ flags: ['DCB'], eligible: ['GEO'] });
  });

  it('turns free-text markings into controlled ones, keeping named recipients and failing closed on unknown text', async () => {
    expect(await row('OLD-REL')).toMatchObject({ releasability: 'RELEASABLE TO', partners: ['GEO'], frameworks: ['MD'] });
    expect(await row('OLD-PUB')).toMatchObject({ releasability: 'PUBLIC', partners: [], frameworks: [] });
    expect(await row('OLD-ODD')).toMatchObject({ releasability: 'RELEASABLE TO', partners: [], frameworks: [] });
    expect(await row('OLD-DCB')).toMatchObject({ releasability: 'NATO UNCLASSIFIED' });
    // From now on the marking is a foreign key to the list.
    await expect(adminQuery(database.url, `UPDATE offering SET releasability = 'SECRET' WHERE code = 'OLD-PUB'`)).rejects.toThrow(/offering_releasability_fk/);
  });
});

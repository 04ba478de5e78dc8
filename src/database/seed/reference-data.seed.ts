import type { EntityManager } from 'typeorm';
import { seedAreas, seedFrameworks, seedPartners, seedSections, seedTopics } from '../seed-data/index.js';

/**
 * Inserts the taxonomy rows that are missing, by code; rows an administrator already has are left as
 * they are, so running it again changes nothing. Returns how many rows were added.
 */
export async function seedReferenceData(m: EntityManager): Promise<number> {
  let added = 0;
  const insert = async (sql: string, params: unknown[]) => {
    const rows = (await m.query(`${sql} ON CONFLICT (code) DO NOTHING RETURNING id`, params)) as unknown[];
    added += rows.length;
  };

  for (const f of seedFrameworks) {
    await insert('INSERT INTO partnership_framework (code, name_en, name_fr) VALUES ($1, $2, $3)', [f.code, f.nameEn, f.nameFr]);
  }
  for (const p of seedPartners) {
    await insert('INSERT INTO partner (code, kind, name_en, name_fr, programme_flags, suspended) VALUES ($1, $2, $3, $4, $5, $6)', [
      p.code, p.kind, p.nameEn, p.nameFr, p.programmeFlags, p.suspended,
    ]);
  }
  // Links only for partners and frameworks that exist; an existing link is kept.
  const links = seedPartners.flatMap((p) => p.frameworkCodes.map((f) => [p.code, f]));
  await m.query(
    `INSERT INTO partner_framework (partner_id, framework_id)
     SELECT p.id, f.id FROM unnest($1::text[], $2::text[]) AS l(partner_code, framework_code)
     JOIN partner p ON p.code = l.partner_code JOIN partnership_framework f ON f.code = l.framework_code
     ON CONFLICT DO NOTHING`,
    [links.map((l) => l[0]), links.map((l) => l[1])],
  );
  // Parents come before children in the seed data.
  for (const s of seedSections) {
    await insert(
      `INSERT INTO section (code, name_en, name_fr, kind, parent_id, mailbox, time_zone, acknowledge_target_days, decide_target_days)
       VALUES ($1, $2, $3, $4, (SELECT id FROM section WHERE code = $5), $6, $7, $8, $9)`,
      [s.code, s.nameEn, s.nameFr, s.kind, s.parentCode, s.mailbox, s.timeZone, s.acknowledgeTargetDays, s.decideTargetDays],
    );
  }
  for (const a of seedAreas) {
    await insert('INSERT INTO cooperation_area (code, position, name_en, name_fr, description_en) VALUES ($1, $2, $3, $4, $5)', [
      a.code, a.position, a.nameEn, a.nameFr, a.descriptionEn,
    ]);
  }
  for (const t of seedTopics) {
    await insert('INSERT INTO topic (code, name_en, name_fr) VALUES ($1, $2, $3)', [t.code, t.nameEn, t.nameFr]);
  }
  return added;
}

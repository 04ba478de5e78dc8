import type { EntityManager } from 'typeorm';
import { seedOfferings, type SeedIteration } from '../seed-data/index.js';
import { COST_NOTES_FR, LOCATIONS_FR, PREREQUISITES_FR } from '../seed-data/offerings-fr.js';

const DAY_MS = 86_400_000;

/** `days` after `today` as a calendar date. */
export function plusDays(today: Date, days: number): string {
  const base = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return new Date(base + days * DAY_MS).toISOString().slice(0, 10);
}

function iterationRow(it: SeedIteration, today: Date) {
  const start = plusDays(today, it.startInDays);
  const deadline = plusDays(today, it.startInDays - it.deadlineDaysBeforeStart);
  return {
    start,
    end: plusDays(today, it.startInDays + Math.max(it.durationDays - 1, 0)),
    deadline,
    // Open for applications until the deadline; then only planned until it runs.
    status: deadline >= plusDays(today, 0) ? 'OPEN' : 'PLANNED',
  };
}

/**
 * Inserts the sample offerings that are missing (by code), published and flagged `is_sample`, with their
 * relations and iterations dated relative to `today`. Existing offerings are not touched.
 */
export async function seedSampleCatalogue(m: EntityManager, today: Date): Promise<number> {
  let added = 0;
  for (const o of seedOfferings) {
    const inserted = (await m.query(
      `INSERT INTO offering (code, kind, subtype, title_en, title_fr, summary_en, summary_fr, description_en, description_fr,
         owning_section_id, provider_section_id, delivery_mode, delivery_languages, prerequisites, cost_notes, lead_time_days,
         eprime_reference, etoc_code, releasability, status, is_sample, prerequisites_fr, cost_notes_fr, required_programme_flags)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
         (SELECT id FROM section WHERE code = $10), (SELECT id FROM section WHERE code = $11), $12, $13, $14, $15, $16,
         $17, $18, $19, 'PUBLISHED', true, $20, $21, $22)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [
        o.code, o.kind, o.subtype ?? null, o.titleEn, o.titleFr, o.summaryEn, o.summaryFr, o.descriptionEn, o.descriptionFr,
        o.owningSectionCode, o.providerSectionCode, o.deliveryMode, o.deliveryLanguages, o.prerequisites, o.costNotes, o.leadTimeDays,
        o.eprimeReference, o.etocCode, o.releasability,
        o.prerequisites && (PREREQUISITES_FR[o.prerequisites] ?? null), o.costNotes && (COST_NOTES_FR[o.costNotes] ?? null), o.requiredProgrammeFlags ?? [],
      ],
    )) as { id: string }[];
    const id = inserted[0]?.id;
    if (!id) continue;
    added++;
    const link = (table: string, column: string, target: string, codes: string[]) =>
      m.query(`INSERT INTO ${table} (offering_id, ${column}) SELECT $1, id FROM ${target} WHERE code = ANY($2::text[])`, [id, codes]);
    await link('offering_area', 'area_id', 'cooperation_area', o.areaCodes);
    await link('offering_topic', 'topic_id', 'topic', o.topicCodes);
    await link('offering_eligible_framework', 'framework_id', 'partnership_framework', o.eligibleFrameworkCodes);
    await link('offering_eligible_partner', 'partner_id', 'partner', o.eligiblePartnerCodes);
    for (const it of o.iterations) {
      const row = iterationRow(it, today);
      await m.query(
        `INSERT INTO offering_iteration (offering_id, start_date, end_date, location, location_fr, capacity, application_deadline, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, row.start, row.end, it.location, LOCATIONS_FR[it.location] ?? null, it.capacity, row.deadline, row.status],
      );
    }
  }
  return added;
}

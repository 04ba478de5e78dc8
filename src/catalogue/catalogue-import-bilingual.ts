import { missingIterationTexts, missingOfferingTexts, type IterationTexts, type OfferingTexts } from './bilingual-publishing.js';
import type { ImportRowError } from './catalogue-import.entity.js';
import { iterationMatches, offeringChanges, type DesiredIteration, type DesiredOffering } from './catalogue-layout.js';
import type { FlatIterationRow, FlatOfferingRow } from './catalogue-transfer.repository.js';
import { OfferingStatus } from './catalogue.enums.js';

/** The file column of each path the bilingual rule names. */
const COLUMN_OF: Record<string, string> = {
  titleEn: 'title_en', titleFr: 'title_fr', summaryEn: 'summary_en', summaryFr: 'summary_fr', descriptionEn: 'description_en',
  descriptionFr: 'description_fr', prerequisitesEn: 'prerequisites', prerequisitesFr: 'prerequisites_fr', costNotesEn: 'cost_notes',
  costNotesFr: 'cost_notes_fr', locationEn: 'location', locationFr: 'location_fr',
};
const columnOf = (path: string) => COLUMN_OF[path.replace(/^iterations\[\d+\]\./, '')] ?? path;

/** An offering row's texts as the publishing rule reads them. */
export function desiredTexts(o: DesiredOffering): OfferingTexts {
  const f = o.fields;
  return {
    titleEn: f.titleEn, titleFr: f.titleFr, summaryEn: f.summaryEn, summaryFr: f.summaryFr, descriptionEn: f.descriptionEn,
    descriptionFr: f.descriptionFr, prerequisitesEn: f.prerequisites, prerequisitesFr: f.prerequisitesFr, costNotesEn: f.costNotes, costNotesFr: f.costNotesFr,
  };
}

/**
 * The bilingual rule of published offerings (bilingual-publishing.ts) over an import, row by row, as the job meets it
 * (offerings first, then iterations, then publications): an offering row that leaves its offering PUBLISHED and changes
 * or publishes it needs every text in both languages; an iteration row written to an offering that stays published, or
 * that the file publishes, needs its location in both; and publishing also needs the iterations the file leaves alone.
 * `offerings` and `iterations` hold one row per offering code, and per code and start date, of known offerings.
 */
export function untranslatedRows(
  offerings: readonly DesiredOffering[],
  iterations: readonly DesiredIteration[],
  existing: ReadonlyMap<string, FlatOfferingRow>,
  currentIterations: ReadonlyMap<string, readonly FlatIterationRow[]>,
): ImportRowError[] {
  const errors: ImportRowError[] = [];
  const rowOf = new Map(offerings.map((o) => [o.code, o]));
  const codes = new Set([...rowOf.keys(), ...iterations.map((i) => i.code)]);
  for (const code of codes) {
    const row = rowOf.get(code);
    const current = existing.get(code);
    if ((row?.status ?? current?.status) !== OfferingStatus.PUBLISHED) continue;
    const publishing = current?.status !== OfferingStatus.PUBLISHED;
    const why = (column: string, path: string) =>
      `${publishing ? `Offering ${code} cannot be published without ${column}` : `Offering ${code} is published, so ${column} cannot be empty`}: a published offering needs every text in English and French (missing: ${path}).`;
    if (row && (publishing || Object.keys(offeringChanges(current!, row)).length > 0)) {
      for (const path of missingOfferingTexts(desiredTexts(row))) {
        errors.push({ ...row.at, column: columnOf(path), message: `${why(columnOf(path), path)} Fill it in, or import the offering as DRAFT.` });
      }
    }
    // The offering's iterations after the import, earliest first, numbered as publishing numbers them.
    const now = currentIterations.get(code) ?? [];
    const after = new Map<string, { texts: IterationTexts; row?: DesiredIteration; changed: boolean }>();
    for (const c of now) after.set(c.start_date, { texts: { startDate: c.start_date, locationEn: c.location, locationFr: c.location_fr }, changed: false });
    for (const r of iterations.filter((i) => i.code === code)) {
      const c = now.find((x) => x.start_date === r.startDate);
      after.set(r.startDate, { texts: { startDate: r.startDate, locationEn: r.location, locationFr: r.locationFr }, row: r, changed: !c || !iterationMatches(c, r) });
    }
    [...after.values()]
      .sort((a, b) => a.texts.startDate.localeCompare(b.texts.startDate))
      .forEach((it, index) => {
        if (!publishing && !it.changed) return;
        for (const path of missingIterationTexts(it.texts, index)) {
          const column = columnOf(path);
          if (it.row) errors.push({ ...it.row.at, column, message: `${why(column, path)} Fill in ${column} for this iteration.` });
          else errors.push({ ...row!.at, column: 'status', message: `Offering ${code} cannot be published: its iteration starting ${it.texts.startDate} has no ${column} (missing: ${path}). Add an ITERATION row for it with ${column}, or import the offering as DRAFT.` });
        }
      });
  }
  return errors;
}

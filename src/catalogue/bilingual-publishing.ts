import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** The texts of an offering as the publishing rule reads them (entity property names, which are the field paths). */
export interface OfferingTexts {
  titleEn: string | null;
  titleFr: string | null;
  summaryEn: string | null;
  summaryFr: string | null;
  descriptionEn: string | null;
  descriptionFr: string | null;
  prerequisitesEn: string | null;
  prerequisitesFr: string | null;
  costNotesEn: string | null;
  costNotesFr: string | null;
}

export interface IterationTexts {
  startDate: string;
  locationEn: string | null;
  locationFr: string | null;
}

/** Shown to every reader, so both official languages are needed to publish. */
const REQUIRED = ['title', 'summary', 'description'] as const;
/** Optional texts: none is fine, but a text in one language needs the other. */
const PAIRED = ['prerequisites', 'costNotes'] as const;

const blank = (text: string | null | undefined) => !text || text.trim() === '';

/**
 * The field paths a published offering lacks, in the order of the form: `titleFr`, `costNotesEn`,
 * `iterations[1].locationFr` (iterations earliest first, as the `iterations` field lists them).
 */
export function missingTranslations(offering: OfferingTexts, iterations: readonly IterationTexts[]): string[] {
  return [...missingOfferingTexts(offering), ...iterations.flatMap((it, i) => missingIterationTexts(it, i))];
}

/** The offering's own texts (no iterations): what an edit of a published offering must leave complete. */
export function missingOfferingTexts(offering: OfferingTexts): string[] {
  const missing: string[] = [];
  for (const field of [...REQUIRED, ...PAIRED]) {
    const en = offering[`${field}En`];
    const fr = offering[`${field}Fr`];
    if ((PAIRED as readonly string[]).includes(field) && blank(en) && blank(fr)) continue;
    if (blank(en)) missing.push(`${field}En`);
    if (blank(fr)) missing.push(`${field}Fr`);
  }
  return missing;
}

/** One iteration's location, named by its position among the offering's iterations (earliest first). */
export function missingIterationTexts(iteration: IterationTexts, index: number): string[] {
  const missing: string[] = [];
  if (blank(iteration.locationEn)) missing.push(`iterations[${index}].locationEn`);
  if (blank(iteration.locationFr)) missing.push(`iterations[${index}].locationFr`);
  return missing;
}

/** TRANSLATION_REQUIRED with `extensions.missing` (the paths) and a message naming them, when anything is missing. */
export function assertBilingual(code: string, action: string, offering: OfferingTexts, iterations: readonly IterationTexts[]): void {
  refuseUntranslated(code, action, missingTranslations(offering, iterations));
}

/**
 * The refusal itself, for callers that check part of an offering: an edit of a published offering (its texts) or of
 * one of its iterations (that iteration's location). Same code, same `missing` paths, same message as publishing.
 */
export function refuseUntranslated(code: string, action: string, missing: readonly string[]): void {
  if (missing.length === 0) return;
  throw new DomainError(
    ErrorCode.TRANSLATION_REQUIRED,
    `${code} cannot be ${action}: a published offering needs every text in English and French. Missing: ${missing.join(', ')}. Fill them in and try again.`,
    { missing: [...missing] },
  );
}

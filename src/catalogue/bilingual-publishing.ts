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
  const missing: string[] = [];
  for (const field of [...REQUIRED, ...PAIRED]) {
    const en = offering[`${field}En`];
    const fr = offering[`${field}Fr`];
    if ((PAIRED as readonly string[]).includes(field) && blank(en) && blank(fr)) continue;
    if (blank(en)) missing.push(`${field}En`);
    if (blank(fr)) missing.push(`${field}Fr`);
  }
  iterations.forEach((it, i) => {
    if (blank(it.locationEn)) missing.push(`iterations[${i}].locationEn`);
    if (blank(it.locationFr)) missing.push(`iterations[${i}].locationFr`);
  });
  return missing;
}

/** TRANSLATION_REQUIRED with `extensions.missing` (the paths) and a message naming them, when anything is missing. */
export function assertBilingual(code: string, action: string, offering: OfferingTexts, iterations: readonly IterationTexts[]): void {
  const missing = missingTranslations(offering, iterations);
  if (missing.length === 0) return;
  throw new DomainError(
    ErrorCode.TRANSLATION_REQUIRED,
    `${code} cannot be ${action}: a published offering needs every text in English and French. Missing: ${missing.join(', ')}. Fill them in and try again.`,
    { missing },
  );
}

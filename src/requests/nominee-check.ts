import { CLEARANCE_LABEL, CLEARANCE_ORDER, ClearanceLevel, type LanguageProfileData, type NomineeRequirementData } from '../catalogue/nominee-requirement.types.js';

export { ClearanceLevel, LANGUAGE_PATTERN, SLP_PATTERN, type LanguageProfileData } from '../catalogue/nominee-requirement.types.js';

/** The nominee facts a check reads. */
export interface CheckedNominee {
  name: string;
  clearanceLevel?: ClearanceLevel | null;
  languageProfiles?: readonly LanguageProfileData[] | null;
}

const SKILLS = ['listening', 'speaking', 'reading', 'writing'] as const;

export function slpDigits(slp: string): number[] {
  return [...slp].map(Number);
}

/**
 * The shortfalls of one nominee against a requirement, as sentences a liaison officer can act on; empty
 * when the nominee meets it. An SLP counts only when validated; the best validated profile in the language
 * is compared skill by skill.
 */
export function shortfallsOf(nominee: CheckedNominee, req: NomineeRequirementData | null): string[] {
  if (!req) return [];
  const out: string[] = [];
  if (req.minClearance && req.minClearance !== ClearanceLevel.NONE) {
    const held = nominee.clearanceLevel ?? null;
    if (held === null) {
      out.push(`no clearance recorded (${CLEARANCE_LABEL[req.minClearance]} required)`);
    } else if (CLEARANCE_ORDER.indexOf(held) < CLEARANCE_ORDER.indexOf(req.minClearance)) {
      out.push(`clearance ${CLEARANCE_LABEL[held]} is below the required ${CLEARANCE_LABEL[req.minClearance]}`);
    }
  }
  if (req.language && req.minSlp) {
    const min = slpDigits(req.minSlp);
    const inLanguage = (nominee.languageProfiles ?? []).filter((p) => p.language === req.language);
    const validated = inLanguage.filter((p) => p.validated);
    if (validated.length === 0) {
      out.push(
        inLanguage.length === 0
          ? `no SLP in ${req.language} recorded (${req.minSlp} required)`
          : `SLP ${inLanguage[0]!.slp} in ${req.language} is not validated by a STANAG 6001 test (${req.minSlp} required)`,
      );
    } else {
      // The profile short in the fewest skills (a nominee tested twice keeps the better result).
      const gapsOf = (p: LanguageProfileData) => SKILLS.map((skill, i) => ({ skill, have: slpDigits(p.slp)[i]!, need: min[i]! })).filter((g) => g.have < g.need);
      const best = validated.map((p) => ({ p, gaps: gapsOf(p) })).sort((a, b) => a.gaps.length - b.gaps.length)[0]!;
      if (best.gaps.length > 0) {
        out.push(`SLP ${best.p.slp} in ${req.language} is below the required ${req.minSlp} (${best.gaps.map((g) => `${g.skill} ${g.have} < ${g.need}`).join(', ')})`);
      }
    }
  }
  return out;
}

/** The label of a clearance level, as the free-text `clearance` of a participant shows it. */
export function clearanceLabel(level: ClearanceLevel): string {
  return CLEARANCE_LABEL[level];
}

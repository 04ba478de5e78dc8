import type { ParticipantData } from './cooperation-request.entity.js';
import type { ParticipantInput } from './dto/request.inputs.js';

/** The nominee facts of a participant input as stored (only those given, so older rows and hashes stay alike). */
export function nomineeFields(p: ParticipantInput): Pick<ParticipantData, 'nomineeId' | 'clearanceLevel' | 'languageProfiles'> {
  const out: Pick<ParticipantData, 'nomineeId' | 'clearanceLevel' | 'languageProfiles'> = {};
  if (p.nomineeId) out.nomineeId = p.nomineeId;
  if (p.clearanceLevel) out.clearanceLevel = p.clearanceLevel;
  if (p.languageProfiles?.length) out.languageProfiles = p.languageProfiles.map((l) => ({ language: l.language, slp: l.slp, validated: l.validated }));
  return out;
}

/**
 * How well an offer of support fits a request (issue #17 item 3): pure, so both directions (offers for a request,
 * requests for an offer) rank the same way. Each criterion that holds adds to the score and names its reason:
 * the same area (3), each shared topic (2), a shared language (1), overlapping periods (2). A period or a language
 * the request does not state neither adds nor excludes. Language and period only refine: without the same area or
 * a shared topic there is no match (score 0), however well the dates fit.
 */
export interface MatchFacts {
  areaIds: readonly string[];
  topicIds: readonly string[];
  languages: readonly string[];
  from: string | null;
  to: string | null;
}

export enum MatchReason {
  AREA = 'AREA',
  TOPIC = 'TOPIC',
  LANGUAGE = 'LANGUAGE',
  PERIOD = 'PERIOD',
}

export interface MatchScore {
  score: number;
  reasons: MatchReason[];
}

export const WEIGHTS: Readonly<Record<MatchReason, number>> = { AREA: 3, TOPIC: 2, LANGUAGE: 1, PERIOD: 2 };

export function scoreMatch(offer: MatchFacts, request: MatchFacts): MatchScore {
  const reasons: MatchReason[] = [];
  let score = 0;
  if (offer.areaIds.some((a) => request.areaIds.includes(a))) {
    score += WEIGHTS.AREA;
    reasons.push(MatchReason.AREA);
  }
  const topics = offer.topicIds.filter((t) => request.topicIds.includes(t)).length;
  if (topics > 0) {
    score += WEIGHTS.TOPIC * topics;
    reasons.push(MatchReason.TOPIC);
  }
  if (score === 0) return { score, reasons };
  if (offer.languages.some((l) => request.languages.includes(l))) {
    score += WEIGHTS.LANGUAGE;
    reasons.push(MatchReason.LANGUAGE);
  }
  // Dates as YYYY-MM-DD compare as text; an open end on the request's side is "any time".
  if (request.from || request.to) {
    const startsBeforeOfferEnds = !request.from || !offer.to || request.from <= offer.to;
    const endsAfterOfferStarts = !request.to || !offer.from || request.to >= offer.from;
    if (startsBeforeOfferEnds && endsAfterOfferStarts) {
      score += WEIGHTS.PERIOD;
      reasons.push(MatchReason.PERIOD);
    }
  }
  return { score, reasons };
}

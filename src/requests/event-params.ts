/**
 * The texts the server composes for its own timeline entries, as data (issue #18): a kind and its parameters,
 * kept in request_event.params so each reader renders them in its own language. The English text is still
 * written to `reason` for API clients that read it; what a person wrote (a decline reason, an override) is a
 * parameter (`note`), shown as written. Plain TypeScript: the entity imports it, and the entities are also loaded
 * outside Nest (migrations); the GraphQL types are in dto/event-params.types.ts.
 */
export enum EventTextKind {
  /** "3 seats" (seats allocated or released). */
  SEATS = 'SEATS',
  /** "2 accepted, 1 waitlisted, 0 declined" (nominees decided at approval). */
  DECISIONS = 'DECISIONS',
  /** "Nominee 2" (a seat confirmed, an offer lapsed, a substitution decided). */
  NOMINEE = 'NOMINEE',
  /** "Nominee 2: <note>" (with what a person wrote). */
  NOMINEE_NOTE = 'NOMINEE_NOTE',
  /** "Nominee 2, confirm by 2027-01-05 09:00 UTC" (a freed seat offered). */
  SEAT_OFFER = 'SEAT_OFFER',
  /** "Clash overridden: <note>". */
  CLASH_OVERRIDDEN = 'CLASH_OVERRIDDEN',
  /** "Information provided" (the partner answered an information request). */
  INFORMATION_PROVIDED = 'INFORMATION_PROVIDED',
  /** "Taken under SPS peer review." (a reviewer assigned to a submitted application). */
  SPS_PEER_REVIEW = 'SPS_PEER_REVIEW',
  /** "Taken to the SPS committee." (a decision recorded on an application not yet under review). */
  SPS_COMMITTEE = 'SPS_COMMITTEE',
  /** "<batch> (<meeting date>): <outcome>. <note>" (the committee's decision, its reasons as written). */
  SPS_DECISION = 'SPS_DECISION',
}

/** request_event.params: the kind and only the parameters it uses. */
export interface EventParams {
  kind: EventTextKind;
  seats?: number;
  /** 0-based, like nominations' index. */
  index?: number;
  expiresAt?: string;
  note?: string;
  accepted?: number;
  waitlisted?: number;
  declined?: number;
  /** SPS_DECISION: the committee batch's name and meeting date, and the outcome's label in both languages (data). */
  batch?: string;
  meetingDate?: string;
  outcomeEn?: string;
  outcomeFr?: string;
}

/** The English text of the entry, as `reason` has always carried it. */
export function eventText(p: EventParams): string {
  switch (p.kind) {
    case EventTextKind.SEATS:
      return `${p.seats} seats`;
    case EventTextKind.DECISIONS:
      return `${p.accepted} accepted, ${p.waitlisted} waitlisted, ${p.declined} declined`;
    case EventTextKind.NOMINEE:
      return `Nominee ${p.index! + 1}`;
    case EventTextKind.NOMINEE_NOTE:
      return `Nominee ${p.index! + 1}: ${p.note}`;
    case EventTextKind.SEAT_OFFER:
      return `Nominee ${p.index! + 1}, confirm by ${p.expiresAt!.slice(0, 16).replace('T', ' ')} UTC`;
    case EventTextKind.CLASH_OVERRIDDEN:
      return `Clash overridden: ${p.note}`;
    case EventTextKind.INFORMATION_PROVIDED:
      return 'Information provided';
    case EventTextKind.SPS_PEER_REVIEW:
      return 'Taken under SPS peer review.';
    case EventTextKind.SPS_COMMITTEE:
      return 'Taken to the SPS committee.';
    case EventTextKind.SPS_DECISION:
      return `${p.batch} (${p.meetingDate}): ${p.outcomeEn}. ${p.note}`;
  }
}

/** A timeline entry's `reason` and `params` for a system text. */
export function described(p: EventParams): { reason: string; params: EventParams } {
  return { reason: eventText(p), params: p };
}

/** "Nominee n" or, with what the person wrote, "Nominee n: note". */
export function nomineeText(index: number, note: string | null | undefined): { reason: string; params: EventParams } {
  const text = note?.trim();
  return described(text ? { kind: EventTextKind.NOMINEE_NOTE, index, note: text } : { kind: EventTextKind.NOMINEE, index });
}

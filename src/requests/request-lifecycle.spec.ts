import { ApiKeyScope, Role } from '../common/auth/role.js';
import { allowedTransitions, canTransition, TERMINAL_STATUSES, TRANSITIONS } from './request-lifecycle.js';
import { RequestStatus as S } from './request.enums.js';

const STATUSES = Object.values(S);
/** Every role a context can carry, plus API key scopes and no role at all: only the lifecycle roles may move requests. */
const ROLES: Array<string | undefined> = [...Object.values(Role), ...Object.values(ApiKeyScope), undefined];
const PARTNER = [Role.PARTNER_LIAISON];
const TRIAGE = [Role.SECTION_STAFF, Role.COORDINATOR];

/** The lifecycle of DOMAIN.md, written out by hand: [from, to, roles that may]. The one copy of the table in tests. */
const DOCUMENTED: Array<[S, S, string[]]> = [
  [S.DRAFT, S.SUBMITTED, PARTNER],
  [S.SUBMITTED, S.UNDER_REVIEW, TRIAGE],
  [S.UNDER_REVIEW, S.INFORMATION_REQUESTED, TRIAGE],
  [S.INFORMATION_REQUESTED, S.UNDER_REVIEW, [...PARTNER, ...TRIAGE]],
  [S.UNDER_REVIEW, S.APPROVED, TRIAGE],
  [S.UNDER_REVIEW, S.DECLINED, TRIAGE],
  [S.APPROVED, S.SCHEDULED, TRIAGE],
  [S.SCHEDULED, S.COMPLETED, TRIAGE],
  [S.DRAFT, S.WITHDRAWN, PARTNER],
  [S.SUBMITTED, S.WITHDRAWN, PARTNER],
  [S.UNDER_REVIEW, S.WITHDRAWN, PARTNER],
  [S.INFORMATION_REQUESTED, S.WITHDRAWN, PARTNER],
  [S.APPROVED, S.CANCELLED, TRIAGE],
  [S.SCHEDULED, S.CANCELLED, TRIAGE],
];

/** Statuses reachable from `from` by any role, in any number of moves. */
function reachableFrom(from: S): Set<S> {
  const seen = new Set<S>([from]);
  for (const s of seen) for (const t of TRANSITIONS) if (t.from === s) seen.add(t.to);
  return seen;
}

describe('request lifecycle', () => {
  it('declares exactly the documented moves and role guards', () => {
    expect(TRANSITIONS.map((t) => [t.from, t.to, [...t.roles]])).toEqual(DOCUMENTED);
  });

  it('allows a move for a role exactly when the table declares it, for every role, from and to', () => {
    // The whole role × from × to matrix in one comparison: a mismatch shows every offending cell at once.
    const matrix = (decide: (role: string | undefined, from: S, to: S) => boolean) =>
      ROLES.flatMap((role) => STATUSES.flatMap((from) => STATUSES.filter((to) => decide(role, from, to)).map((to) => `${role} ${from}→${to}`)));
    const declared = matrix((role, from, to) => TRANSITIONS.some((t) => t.from === from && t.to === to && (t.roles as readonly string[]).includes(role ?? '')));

    expect(matrix(canTransition)).toEqual(declared);
    expect(matrix((role, from, to) => allowedTransitions(role, from).includes(to))).toEqual(declared);
    expect(declared).toHaveLength(DOCUMENTED.reduce((n, [, , roles]) => n + roles.length, 0));
  });

  it('lists each allowed move once, in the order of the table', () => {
    expect(allowedTransitions(Role.SECTION_STAFF, S.UNDER_REVIEW)).toEqual([S.INFORMATION_REQUESTED, S.APPROVED, S.DECLINED]);
    for (const role of ROLES) {
      for (const from of STATUSES) {
        const positions = allowedTransitions(role, from).map((to) => TRANSITIONS.findIndex((t) => t.from === from && t.to === to));
        expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
      }
    }
  });

  it('lets nothing leave a terminal status, and the terminal statuses are the documented ends', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual([S.CANCELLED, S.COMPLETED, S.DECLINED, S.WITHDRAWN].sort());
    expect(TRANSITIONS.filter((t) => TERMINAL_STATUSES.includes(t.from))).toEqual([]);
  });

  it('reaches every status from DRAFT, and a terminal status from every status', () => {
    expect([...reachableFrom(S.DRAFT)].sort()).toEqual([...STATUSES].sort());
    for (const s of STATUSES) expect([...reachableFrom(s)].some((r) => TERMINAL_STATUSES.includes(r))).toBe(true);
  });

  it('has no move to DRAFT and no move to the same status', () => {
    expect(TRANSITIONS.filter((t) => t.to === S.DRAFT || t.to === t.from)).toEqual([]);
  });
});

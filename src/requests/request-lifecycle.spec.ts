import { Role } from '../common/auth/role.js';
import { allowedTransitions, canTransition, TERMINAL_STATUSES, TRANSITIONS } from './request-lifecycle.js';
import { RequestStatus as S } from './request.enums.js';

const ROLES = [Role.PARTNER_LIAISON, Role.SECTION_STAFF, Role.COORDINATOR, Role.ADMIN, 'PARTNER', 'SECTION', undefined] as const;

/** The lifecycle of DOMAIN.md, written out by hand: [from, to, roles that may]. */
const EXPECTED: Array<[S, S, string[]]> = [
  [S.DRAFT, S.SUBMITTED, [Role.PARTNER_LIAISON]],
  [S.SUBMITTED, S.UNDER_REVIEW, [Role.SECTION_STAFF, Role.COORDINATOR]],
  [S.UNDER_REVIEW, S.INFORMATION_REQUESTED, [Role.SECTION_STAFF, Role.COORDINATOR]],
  [S.INFORMATION_REQUESTED, S.UNDER_REVIEW, [Role.PARTNER_LIAISON, Role.SECTION_STAFF, Role.COORDINATOR]],
  [S.UNDER_REVIEW, S.APPROVED, [Role.SECTION_STAFF, Role.COORDINATOR]],
  [S.UNDER_REVIEW, S.DECLINED, [Role.SECTION_STAFF, Role.COORDINATOR]],
  [S.APPROVED, S.SCHEDULED, [Role.SECTION_STAFF, Role.COORDINATOR]],
  [S.SCHEDULED, S.COMPLETED, [Role.SECTION_STAFF, Role.COORDINATOR]],
  [S.DRAFT, S.WITHDRAWN, [Role.PARTNER_LIAISON]],
  [S.SUBMITTED, S.WITHDRAWN, [Role.PARTNER_LIAISON]],
  [S.UNDER_REVIEW, S.WITHDRAWN, [Role.PARTNER_LIAISON]],
  [S.INFORMATION_REQUESTED, S.WITHDRAWN, [Role.PARTNER_LIAISON]],
  [S.APPROVED, S.CANCELLED, [Role.SECTION_STAFF, Role.COORDINATOR]],
  [S.SCHEDULED, S.CANCELLED, [Role.SECTION_STAFF, Role.COORDINATOR]],
];

describe('request lifecycle', () => {
  const cases = Object.values(S).flatMap((from) => Object.values(S).flatMap((to) => ROLES.map((role) => [from, to, role] as const)));

  it.each(cases)('%s → %s as %s matches the declared lifecycle', (from, to, role) => {
    const rule = EXPECTED.find(([f, t]) => f === from && t === to);
    expect(canTransition(role, from, to)).toBe(Boolean(rule && role && rule[2].includes(role)));
  });

  it('declares exactly the documented moves', () => {
    expect(TRANSITIONS.map((t) => [t.from, t.to, [...t.roles]])).toEqual(EXPECTED);
  });

  it('lists the allowed moves per role, and none from terminal statuses', () => {
    expect(allowedTransitions(Role.PARTNER_LIAISON, S.UNDER_REVIEW)).toEqual([S.WITHDRAWN]);
    expect(allowedTransitions(Role.SECTION_STAFF, S.UNDER_REVIEW)).toEqual([S.INFORMATION_REQUESTED, S.APPROVED, S.DECLINED]);
    expect(allowedTransitions(Role.ADMIN, S.UNDER_REVIEW)).toEqual([]);
    expect([...TERMINAL_STATUSES].sort()).toEqual([S.CANCELLED, S.COMPLETED, S.DECLINED, S.WITHDRAWN].sort());
    for (const s of TERMINAL_STATUSES) for (const role of ROLES) expect(allowedTransitions(role, s)).toEqual([]);
  });
});

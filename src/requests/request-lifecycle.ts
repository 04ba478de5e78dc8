import { Role } from '../common/auth/role.js';
import { RequestEventType, RequestPriority, RequestStatus as S } from './request.enums.js';

/** Who moves a request: the partner's liaison officers, or NATO staff triaging it (section staff, coordinators). */
export type LifecycleRole = Role.PARTNER_LIAISON | Role.SECTION_STAFF | Role.COORDINATOR;

export interface TransitionRule {
  from: S;
  to: S;
  roles: readonly LifecycleRole[];
}

const PARTNER = [Role.PARTNER_LIAISON] as const;
const TRIAGE = [Role.SECTION_STAFF, Role.COORDINATOR] as const;

/**
 * The lifecycle as data (see DOMAIN.md). Adding a status or a move is a change here, never a new branch
 * elsewhere: transitionRequest, allowedTransitions and the tests all read this table.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: S.DRAFT, to: S.SUBMITTED, roles: PARTNER },
  { from: S.SUBMITTED, to: S.UNDER_REVIEW, roles: TRIAGE },
  { from: S.UNDER_REVIEW, to: S.INFORMATION_REQUESTED, roles: TRIAGE },
  // The partner answers (respondToInformationRequest); staff may also resume after hearing back elsewhere.
  { from: S.INFORMATION_REQUESTED, to: S.UNDER_REVIEW, roles: [...PARTNER, ...TRIAGE] },
  { from: S.UNDER_REVIEW, to: S.APPROVED, roles: TRIAGE },
  { from: S.UNDER_REVIEW, to: S.DECLINED, roles: TRIAGE },
  { from: S.APPROVED, to: S.SCHEDULED, roles: TRIAGE },
  { from: S.SCHEDULED, to: S.COMPLETED, roles: TRIAGE },
  { from: S.DRAFT, to: S.WITHDRAWN, roles: PARTNER },
  { from: S.SUBMITTED, to: S.WITHDRAWN, roles: PARTNER },
  { from: S.UNDER_REVIEW, to: S.WITHDRAWN, roles: PARTNER },
  { from: S.INFORMATION_REQUESTED, to: S.WITHDRAWN, roles: PARTNER },
  { from: S.APPROVED, to: S.CANCELLED, roles: TRIAGE },
  { from: S.SCHEDULED, to: S.CANCELLED, roles: TRIAGE },
];

/** Statuses from which nothing moves. */
export const TERMINAL_STATUSES: readonly S[] = Object.values(S).filter((s) => !TRANSITIONS.some((t) => t.from === s));

/** Where `role` may move a request in status `from`; empty for roles the lifecycle does not know (admins, keys). */
export function allowedTransitions(role: string | undefined, from: S): S[] {
  return TRANSITIONS.filter((t) => t.from === from && (t.roles as readonly string[]).includes(role ?? '')).map((t) => t.to);
}

export function canTransition(role: string | undefined, from: S, to: S): boolean {
  return allowedTransitions(role, from).includes(to);
}

/** Who hears of a change: the section it arrives in (submission), or the submitter / section (statusChanged). */
export type NoticeEffect = 'arrival' | 'status';

/**
 * A service-target clock a change starts: submitted, acknowledged (the first time only), decided; paused while
 * the partner is asked for information, resumed on any way out of it (a no-op when not paused).
 */
export type ClockEffect = 'submitted' | 'acknowledged' | 'decided' | 'paused' | 'resumed';

/** What entering a status does, besides the status itself; RequestLifecycle.transition applies it. */
export interface StatusEffects {
  /** The timeline entry that records the change. */
  entry: RequestEventType.SUBMITTED | RequestEventType.STATUS_CHANGED;
  /** The audit action. */
  audit: string;
  /** Seats on the request's iteration: taken (SeatLedger.allocate) or given back (SeatLedger.release). */
  seats?: 'allocate' | 'release';
  clocks: readonly ClockEffect[];
  notify: NoticeEffect;
}

const CHANGED: StatusEffects = { entry: RequestEventType.STATUS_CHANGED, audit: 'request.transition', clocks: ['resumed'], notify: 'status' };

/**
 * The side effects of each status, declared beside the transitions: every change writes its timeline entry
 * (and the seat entries), one audit event, the clocks and the notices listed here, and nothing else.
 */
export const STATUS_EFFECTS: Readonly<Record<Exclude<S, S.DRAFT>, StatusEffects>> = {
  [S.SUBMITTED]: { entry: RequestEventType.SUBMITTED, audit: 'request.submit', clocks: ['submitted'], notify: 'arrival' },
  [S.UNDER_REVIEW]: { ...CHANGED, clocks: ['acknowledged', 'resumed'] },
  [S.INFORMATION_REQUESTED]: { ...CHANGED, clocks: ['paused'] },
  [S.APPROVED]: { ...CHANGED, seats: 'allocate', clocks: ['decided', 'resumed'] },
  [S.DECLINED]: { ...CHANGED, clocks: ['decided', 'resumed'] },
  [S.SCHEDULED]: CHANGED,
  [S.COMPLETED]: CHANGED,
  [S.WITHDRAWN]: { ...CHANGED, seats: 'release' },
  [S.CANCELLED]: { ...CHANGED, seats: 'release' },
};

/** Seats are held from approval until the request is withdrawn or cancelled. */
export const ALLOCATES_SEATS: ReadonlySet<S> = new Set((Object.entries(STATUS_EFFECTS) as [S, StatusEffects][]).filter(([, e]) => e.seats === 'allocate').map(([s]) => s));
export const RELEASES_SEATS: ReadonlySet<S> = new Set((Object.entries(STATUS_EFFECTS) as [S, StatusEffects][]).filter(([, e]) => e.seats === 'release').map(([s]) => s));

/** Statuses in which a request holds its seats, offers and places in line on its iteration (released on leaving them for WITHDRAWN or CANCELLED). */
export const HOLDS_SEATS: ReadonlySet<S> = new Set([S.APPROVED, S.SCHEDULED]);

/** The partner's priority on a waiting list: higher waits less; equal priorities wait in the order they joined. */
export const PRIORITY_RANK: Readonly<Record<RequestPriority, number>> = {
  [RequestPriority.CRITICAL]: 3,
  [RequestPriority.HIGH]: 2,
  [RequestPriority.NORMAL]: 1,
  [RequestPriority.LOW]: 0,
};

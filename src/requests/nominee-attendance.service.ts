import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { OfferingEligibility } from '../catalogue/offering-eligibility.js';
import { SeatLedger } from '../catalogue/seat-ledger.js';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { AttendanceOutcome, type NomineeAttendance, type RecordAttendanceInput, type TrainingRecordConnection } from './dto/nominee.types.js';
import { NomineeDirectoryService } from './nominee-directory.service.js';
import { NomineeRepository } from './nominee.repository.js';
import { RequestRepository } from './request.repository.js';
import { RequestStatus } from './request.enums.js';

/** Requests whose nominees were approved for the course (before per-nominee decisions, the whole request). */
export const ATTENDANCE_STATUSES: readonly RequestStatus[] = [RequestStatus.APPROVED, RequestStatus.SCHEDULED, RequestStatus.COMPLETED];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A timestamptz as PostgreSQL writes it (microseconds and offset), the keyset position of a cursor. */
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/**
 * Attendance and completion (issue #14 item 8): staff of the section a request is routed to record, from the
 * course's start date, attended / completed / no-show per nominee of an approved request; the partner reads its
 * history; the first time a nominee attended, the partner's submitter receives the course survey (in-app and
 * by mail, both languages, through the notification outbox in the same unit of work).
 */
@Injectable()
export class NomineeAttendanceService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: NomineeRepository,
    private readonly requests: RequestRepository,
    private readonly catalogue: OfferingEligibility,
    private readonly audit: AuditService,
    private readonly outbox: NotificationOutbox,
    private readonly directory: NomineeDirectoryService,
    private readonly ledger: SeatLedger,
  ) {}

  record(ctx: RequestContext, input: RecordAttendanceInput): Promise<NomineeAttendance[]> {
    if (input.entries.length === 0) throw DomainError.badInput('input.entries is empty: give at least one nominee (participantIndex) and outcome.', 'input.entries');
    const indexes = input.entries.map((e) => e.participantIndex);
    const repeated = indexes.find((x, i) => indexes.indexOf(x) !== i);
    if (repeated !== undefined) throw DomainError.badInput(`input.entries names participantIndex ${repeated} twice: one outcome per nominee.`, 'input.entries');
    return this.uow.run(ctx, async (tx) => {
      // In reach and locked, so two staff members recording at once apply one after the other.
      const request = await this.requests.findReachable(tx, input.requestId, true);
      if (!request) throw DomainError.notFound('Request');
      if (tx.actor?.kind !== 'user' || tx.actor.role !== Role.SECTION_STAFF) {
        throw DomainError.forbidden(`Attendance is recorded by staff of the section ${request.reference} is routed to.`);
      }
      if (!ATTENDANCE_STATUSES.includes(request.status)) {
        throw DomainError.conflict(`Attendance is recorded only for approved nominees: ${request.reference} is ${request.status}, not APPROVED, SCHEDULED or COMPLETED.`);
      }
      if (!request.iterationId || !request.offeringId) {
        throw DomainError.conflict(`${request.reference} names no course iteration: attendance is recorded per iteration.`);
      }
      const iteration = (await this.catalogue.iteration(tx, request.iterationId))!;
      const today = await this.repo.today(tx);
      if (iteration.startDate > today) {
        throw DomainError.conflict(`The course of ${request.reference} starts on ${iteration.startDate}: record attendance from that day on.`);
      }
      input.entries.forEach((e, i) => {
        if (e.participantIndex >= request.participants.length) {
          throw DomainError.badInput(
            `input.entries[${i}].participantIndex ${e.participantIndex} is not a nominee of ${request.reference}, which has ${request.participants.length} (0 to ${request.participants.length - 1}).`,
            `input.entries[${i}].participantIndex`,
          );
        }
      });
      // With decisions per nominee (approveRequest), only the nominees who got a seat attended; an approval without
      // them (transitionRequest) accepted everyone.
      const claims = await this.ledger.claimsOf(tx, [request.id]);
      input.entries.forEach((e, i) => {
        const claim = claims.find((c) => c.nominee === e.participantIndex);
        if (claim && claim.state !== 'ACCEPTED') {
          throw DomainError.conflict(
            `input.entries[${i}]: nominee ${e.participantIndex + 1} of ${request.reference} has no seat on the course (${claim.state.toLowerCase()}); attendance is recorded for nominees with a seat.`,
            { field: `input.entries[${i}].participantIndex` },
          );
        }
      });
      const changes: Array<{ participantIndex: number; from: AttendanceOutcome | null; to: AttendanceOutcome }> = [];
      for (const e of input.entries) {
        const p = request.participants[e.participantIndex]!;
        const from = await this.repo.upsertAttendance(tx, {
          requestId: request.id,
          participantIndex: e.participantIndex,
          partnerId: request.partnerId,
          iterationId: request.iterationId,
          nomineeId: p.nomineeId ?? null,
          participantName: p.name,
          outcome: e.outcome,
          recordedBy: tx.actor.id,
        });
        if (from !== e.outcome) changes.push({ participantIndex: e.participantIndex, from, to: e.outcome });
      }
      if (changes.length > 0) await this.audit.record(tx, 'request.attendance.record', { type: 'CooperationRequest', id: request.id }, { changes });

      if (input.entries.some((e) => e.outcome !== AttendanceOutcome.NO_SHOW)) {
        const surveyId = await this.repo.createSurvey(tx, { requestId: request.id, partnerId: request.partnerId, offeringId: request.offeringId, iterationId: request.iterationId });
        if (surveyId) {
          const notice = surveyNotice(request);
          await this.outbox.notifyUsers(tx, [request.submitterId], notice);
          await this.outbox.mailUser(tx, request.submitterId, notice);
          await this.audit.record(tx, 'survey.send', { type: 'CourseSurvey', id: surveyId }, { requestId: request.id, recipientId: request.submitterId });
        }
      }
      return this.repo.attendanceOf(tx, [request.id]);
    });
  }

  /** What staff recorded on these requests, per request (callers check personal-data access). */
  attendanceByRequestId(ctx: RequestContext) {
    return ctx.loaders.get<string, NomineeAttendance[]>('nominees.attendanceByRequestId', async (ids) => {
      const rows = await this.repo.attendanceOf(ctx, ids);
      return ids.map((id) => rows.filter((r) => r.requestId === id));
    });
  }

  /** The partner's training history: each nominee's outcome per course, most recent first. Audited read. */
  async history(ctx: RequestContext, args: { partnerCode?: string | null; first?: number | null; after?: string | null }): Promise<TrainingRecordConnection> {
    const limit = pageSize(args.first);
    const after = args.after
      ? decodeCursor(args.after, 'training', 3, 'after', (v) => TIMESTAMP.test(String(v[0])) && UUID.test(String(v[1])) && Number.isInteger(v[2]))
      : null;
    const partnerIds = await this.directory.readablePartnerIds(ctx, args.partnerCode);
    const [rows, totalCount] = await Promise.all([
      this.repo.history(ctx, partnerIds, after ? { at: String(after[0]), requestId: String(after[1]), index: Number(after[2]) } : null, limit + 1),
      this.repo.historyCount(ctx, partnerIds),
    ]);
    const page = toConnection(rows, limit, args.after, (r) => encodeCursor('training', [r.cursorAt, r.requestId, r.participantIndex]));
    const connection = { ...page, edges: page.edges.map(({ cursor, node: { cursorAt: _cursorAt, ...node } }) => ({ cursor, node })) };
    await Promise.all([...new Set(connection.edges.map((e) => e.node.requestId))].map((id) => this.audit.recordRead(ctx, 'request.attendance.read', { type: 'CooperationRequest', id })));
    return { ...connection, totalCount };
  }
}

/** The survey's invitation, in both languages. */
export function surveyNotice(request: { id: string; reference: string; title: string }) {
  return {
    kind: 'SURVEY_REQUESTED',
    requestId: request.id,
    reference: request.reference,
    title: { en: 'Tell us how the course went', fr: 'Dites-nous comment s’est passé le cours' },
    body: {
      en: `Your nominees on "${request.title}" attended the course. Please rate it (overall, content, organisation, relevance, 1 to 5) and leave a comment: open Surveys in the Partner Cooperation Portal. It takes two minutes.`,
      fr: `Vos candidats à « ${request.title} » ont suivi le cours. Merci de l’évaluer (ensemble, contenu, organisation, pertinence, de 1 à 5) et de laisser un commentaire : ouvrez Enquêtes dans le Portail de coopération avec les partenaires. Cela prend deux minutes.`,
    },
  };
}

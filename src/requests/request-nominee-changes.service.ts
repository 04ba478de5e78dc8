import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { SeatLedger } from '../catalogue/seat-ledger.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { AppConfig } from '../config/app-config.js';
import { NotificationOutbox, type Notice } from '../notifications/notification-outbox.service.js';
import type { CooperationRequest, ParticipantData } from './cooperation-request.entity.js';
import type { DecideSubstitutionInput, NomineeChangeWindow, RequestSubstitutionInput, UpdateNomineesInput } from './dto/nominee-change.types.js';
import type { ParticipantInput } from './dto/request.inputs.js';
import { NomineeSubstitutionRepository, type SubstitutionRow } from './nominee-substitution.repository.js';
import { isRequestPartner } from './request-access.js';
import { nomineeText } from './event-params.js';
import { RequestJournal } from './request-journal.js';
import { HOLDS_SEATS } from './request-lifecycle.js';
import { NomineeIntake } from './nominee-intake.js';
import { RequestSeatsService } from './request-seats.service.js';
import { RequestRepository } from './request.repository.js';
import { RequestEventType, RequestStatus, UNDECIDED_STATUSES } from './request.enums.js';

const DAY_MS = 86_400_000;

/**
 * Nominee changes on a submitted request (issue #14 item 7). Before the change window (NOMINEE_CHANGE_WINDOW_DAYS
 * before the iteration starts) the partner edits the nominees itself; once approved, the list keeps its length
 * and each new nominee takes the decision of the one it replaces. Inside the window the partner may only ask for
 * a substitution, which staff approve or reject. Every change is on the timeline and audited.
 */
@Injectable()
export class RequestNomineeChangesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: RequestRepository,
    private readonly substitutions: NomineeSubstitutionRepository,
    private readonly journal: RequestJournal,
    private readonly ledger: SeatLedger,
    private readonly outbox: NotificationOutbox,
    private readonly config: AppConfig,
    private readonly seats: RequestSeatsService,
    private readonly intake: NomineeIntake,
  ) {}

  updateNominees(ctx: RequestContext, input: UpdateNomineesInput): Promise<CooperationRequest> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.partnerRequest(tx, input.requestId);
      if (request.version !== input.expectedVersion) {
        throw DomainError.conflict(`Request ${request.reference} was changed by someone else (now version ${request.version}, you sent ${input.expectedVersion}). Reload it and try again.`, {
          currentVersion: request.version,
        });
      }
      const window = await this.window(tx, request);
      if (window?.inside) {
        throw DomainError.conflict(
          `The iteration starts on ${window.startDate}: within ${this.config.NOMINEE_CHANGE_WINDOW_DAYS} days of the start only substitutions are accepted, with staff approval. ` +
            'Ask for one with requestSubstitution for each nominee to replace.',
        );
      }
      // Directory picks and the course's requirements, as at submission: an edit cannot bring in someone short of them.
      const next = ((await this.intake.resolve(tx, request.partnerId, input.participants)) ?? []).map(toData);
      await this.intake.assertQualified(tx, request.offeringId, request.iterationId, next);
      const before = request.participants;
      if (HOLDS_SEATS.has(request.status) && next.length !== before.length) {
        throw DomainError.badInput(
          `participants: the request is ${request.status.toLowerCase()} with ${before.length} nominees decided; send ${before.length} (each replaces the one at its place and keeps its decision).`,
          'participants',
        );
      }
      if (request.seatsRequested > 0 && next.length > request.seatsRequested) {
        throw DomainError.badInput(`participants: ${next.length} nominees for ${request.seatsRequested} seats; nominate at most ${request.seatsRequested}.`, 'participants');
      }
      const updated = await this.requests.update(tx, request.id, input.expectedVersion, { participants: JSON.stringify(next) });
      if (!updated) throw DomainError.conflict(`Request ${request.reference} was changed by someone else. Reload it and try again.`);
      const changed = next.flatMap((p, i) => (JSON.stringify(p) === JSON.stringify(before[i]) ? [] : [i]));
      const summary = `${before.length} → ${next.length} nominees${changed.length ? `; changed: ${changed.map((i) => i + 1).join(', ')}` : ''}${input.reason ? `. ${input.reason}` : ''}`;
      await this.journal.timeline(tx, request.id, [{ type: RequestEventType.NOMINEES_CHANGED, reason: summary }]);
      await this.journal.recordAudit(tx, 'request.nominees.update', request.id, { before: before.length, after: next.length, changed, reason: input.reason ?? null });
      if (request.routedSectionId) await this.outbox.notifySection(tx, request.routedSectionId, nomineesNotice(request, 'changed'));
      return updated;
    });
  }

  requestSubstitution(ctx: RequestContext, input: RequestSubstitutionInput): Promise<CooperationRequest> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.partnerRequest(tx, input.requestId);
      if (input.index >= request.participants.length) {
        throw DomainError.badInput(`index: the request has ${request.participants.length} nominees (indexed from 0); there is no nominee ${input.index}.`, 'index');
      }
      const window = await this.window(tx, request);
      if (!window?.inside) {
        throw DomainError.conflict(
          window
            ? `The change window opens on ${window.windowStart}; until then edit the nominees yourself with updateNominees.`
            : 'This request names no iteration, so there is no change window: edit the nominees with updateNominees.',
        );
      }
      const [nominee] = (await this.intake.resolve(tx, request.partnerId, [input.nominee], () => 'nominee'))!.map(toData);
      await this.intake.assertQualified(tx, request.offeringId, request.iterationId, [nominee!]);
      const row = await this.substitutions.insert(tx, request.id, input.index, nominee!, input.reason.trim(), actorId(tx));
      if (!row) throw DomainError.conflict(`A substitution of nominee ${input.index + 1} is already waiting for staff; wait for their decision.`);
      const updated = (await this.requests.findReachable(tx, request.id))!;
      await this.requests.touch(tx, request.id);
      await this.journal.timeline(tx, request.id, [{ type: RequestEventType.SUBSTITUTION_REQUESTED, ...nomineeText(input.index, input.reason) }]);
      await this.journal.recordAudit(tx, 'request.substitution.request', request.id, { substitutionId: row.id, index: input.index });
      if (request.routedSectionId) await this.outbox.notifySection(tx, request.routedSectionId, nomineesNotice(request, 'substitution'));
      return updated;
    });
  }

  decideSubstitution(ctx: RequestContext, input: DecideSubstitutionInput): Promise<CooperationRequest> {
    const reason = input.reason?.trim() || null;
    if (!input.approve && !reason) throw DomainError.badInput('reason: give a reason to reject the substitution; the partner reads it.', 'reason');
    return this.uow.run(ctx, async (tx) => {
      const row = await this.substitutions.lock(tx, input.id);
      // Out of reach looks the same as absent.
      const request = row && (await this.requests.findReachable(tx, row.request_id, true));
      if (!row || !request) throw DomainError.notFound('Substitution');
      if (isRequestPartner(tx, request)) throw DomainError.forbidden('Staff decide substitutions; the partner asked for it.');
      if (row.status !== 'PENDING') throw DomainError.conflict(`This substitution was already ${row.status.toLowerCase()}.`);
      let overridden: string[] = [];
      if (input.approve && request.iterationId) {
        // The clash rule of approval (issue #14 item 6), for the person coming in.
        const clashes = await this.seats.clashes(tx, request.iterationId, [row.proposed], request.id);
        const override = input.clashOverrideReason?.trim() || null;
        if (clashes.length > 0 && !override) {
          throw DomainError.conflict(
            `The proposed nominee (${clashes[0]!.email}) is also on ${this.seats.otherRequest(request, clashes[0]!)} for an overlapping iteration. ` +
              'Reject the substitution, or approve it with clashOverrideReason saying why both may stand.',
          );
        }
        overridden = clashes.map((c) => c.requestId);
      }
      await this.substitutions.decide(tx, row.id, input.approve ? 'APPROVED' : 'REJECTED', reason, actorId(tx));
      let updated = request;
      if (input.approve) {
        const next = request.participants.map((p, i) => (i === row.nominee ? row.proposed : p));
        updated = (await this.requests.update(tx, request.id, request.version, { participants: JSON.stringify(next) }))!;
      } else {
        await this.requests.touch(tx, request.id);
      }
      const type = input.approve ? RequestEventType.SUBSTITUTION_APPROVED : RequestEventType.SUBSTITUTION_REJECTED;
      await this.journal.timeline(tx, request.id, [{ type, ...nomineeText(row.nominee, reason) }]);
      await this.journal.recordAudit(tx, input.approve ? 'request.substitution.approve' : 'request.substitution.reject', request.id, {
        substitutionId: row.id,
        index: row.nominee,
        reason,
        ...(overridden.length > 0 ? { clashOverride: input.clashOverrideReason!.trim(), clashes: overridden } : {}),
      });
      const notice = nomineesNotice(request, input.approve ? 'approved' : 'rejected', reason);
      await this.outbox.mailUser(tx, request.submitterId, notice);
      await this.outbox.notifyUsers(tx, [request.submitterId], notice);
      return updated;
    });
  }

  /** Substitutions of requests (a DataLoader). */
  substitutionsByRequest(ctx: RequestContext): DataLoader<string, SubstitutionRow[]> {
    return ctx.loaders.get('requests.substitutionsByRequest', async (ids: readonly string[]) => groupByKeys(ids, await this.substitutions.ofRequests(ctx, ids), (r) => r.request_id));
  }

  /** The change window of a request on an iteration starting `startDate` (UTC days, like the database's). */
  windowOf(startDate: string): NomineeChangeWindow {
    const days = this.config.NOMINEE_CHANGE_WINDOW_DAYS;
    const start = Date.parse(`${startDate}T00:00:00Z`);
    const editableUntil = new Date(start - (days + 1) * DAY_MS).toISOString().slice(0, 10);
    return { days, editableUntil, substitutionsOnly: new Date().toISOString().slice(0, 10) > editableUntil };
  }

  /** The request the partner changes: in reach, its own, submitted and not finished. */
  private async partnerRequest(tx: RequestContext, id: string): Promise<CooperationRequest> {
    const request = await this.requests.findReachable(tx, id, true);
    if (!request) throw DomainError.notFound('Request');
    if (!isRequestPartner(tx, request)) throw DomainError.forbidden("Only the partner's liaison officers change its nominees.");
    if (request.status === RequestStatus.DRAFT) throw DomainError.conflict('This request is a draft: change its nominees with saveRequestDraft.');
    if (!UNDECIDED_STATUSES.includes(request.status) && !HOLDS_SEATS.has(request.status)) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `Request ${request.reference} is ${request.status}: its nominees can no longer change.`);
    }
    return request;
  }

  /** Where the request stands against the change window, by the database's date; null without an iteration. */
  private async window(tx: RequestContext, request: CooperationRequest): Promise<{ inside: boolean; startDate: string; windowStart: string } | null> {
    if (!request.iterationId) return null;
    const until = await this.ledger.daysUntilStart(tx, request.iterationId);
    if (!until) return null;
    const windowStart = new Date(Date.parse(`${until.startDate}T00:00:00Z`) - this.config.NOMINEE_CHANGE_WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10);
    return { inside: until.days <= this.config.NOMINEE_CHANGE_WINDOW_DAYS, startDate: until.startDate, windowStart };
  }
}

/** The stored nominee: every field of the input (so fields added to ParticipantInput are kept), absent ones null. */
function toData(p: ParticipantInput): ParticipantData {
  return { ...p, name: p.name ?? '', rankOrTitle: p.rankOrTitle ?? null, email: p.email ?? null, languageLevel: p.languageLevel ?? null, clearance: p.clearance ?? null };
}

function actorId(tx: RequestContext): string | null {
  return tx.actor?.kind === 'user' ? tx.actor.id : null;
}

function nomineesNotice(request: { id: string; reference: string; title: string }, what: 'changed' | 'substitution' | 'approved' | 'rejected', reason?: string | null): Notice {
  const { reference: ref, title } = request;
  const text = {
    changed: { en: 'The partner changed the nominees of', fr: 'Le partenaire a modifié les candidats de' },
    substitution: { en: 'The partner asks to substitute a nominee of', fr: 'Le partenaire demande le remplacement d\'un candidat de' },
    approved: { en: 'The substitution you asked for was approved on', fr: 'Le remplacement demandé a été approuvé pour' },
    rejected: { en: 'The substitution you asked for was rejected on', fr: 'Le remplacement demandé a été refusé pour' },
  }[what];
  const why = reason ? { en: `\n\nReason: ${reason}`, fr: `\n\nMotif : ${reason}` } : { en: '', fr: '' };
  return {
    kind: `NOMINEES_${what.toUpperCase()}`,
    requestId: request.id,
    reference: ref,
    title: { en: `Nominees: ${title}`, fr: `Candidats : ${title}` },
    body: { en: `${text.en} cooperation request ${ref} "${title}".${why.en}`, fr: `${text.fr} la demande de coopération ${ref} « ${title} ».${why.fr}` },
  };
}

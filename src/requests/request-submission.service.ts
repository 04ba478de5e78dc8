import { Injectable } from '@nestjs/common';
import { PlanService } from '../plans/plan.service.js';
import { createHash } from 'node:crypto';
import { OfferingEligibility, type AskingPartner } from '../catalogue/offering-eligibility.js';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { SectionService } from '../organisation/section.service.js';
import type { CooperationRequest, ParticipantData } from './cooperation-request.entity.js';
import type { RequestFieldsInput, SaveRequestDraftInput, SubmitRequestInput } from './dto/request.inputs.js';
import type { RequestWarning, SubmitRequestPayload } from './dto/request.types.js';
import { nomineeFields } from './nominee-fields.js';
import { NomineeIntake } from './nominee-intake.js';
import { RequestJournal } from './request-journal.js';
import { allowedTransitions } from './request-lifecycle.js';
import { lifecycleRole, RequestLifecycle } from './request-lifecycle.service.js';
import { RequestFieldsService } from './request-fields.service.js';
import { RequestRoutingService } from './request-routing.service.js';
import { RequestSeatsService } from './request-seats.service.js';
import { RequestRepository, type RequestFieldsRow } from './request.repository.js';
import { OPEN_STATUSES, RequestEventType, RequestPriority, RequestStatus } from './request.enums.js';
import { addWorkingDays } from './working-days.js';

/** A request's marking when the partner gives none (the column's default). */
const DEFAULT_MARKING = 'NATO UNCLASSIFIED';

/** What a submission is checked on: a submitRequest input, or a saved draft's columns. */
interface Subject {
  offeringId: string | null;
  iterationId: string | null;
  /** The area of an open request: its code (an input) or its id (a saved draft). */
  areaCode: string | null;
  areaId?: string | null;
  desiredStart: string | null;
  desiredEnd: string | null;
  seatsRequested: number;
  participants: number;
  /** The nominees' emails, for the clash check (issue #14). */
  emails?: ReadonlyArray<{ email?: string | null }>;
  /** The kind-specific fields (issue #15), checked against the offering's schema. */
  kindFields: Record<string, unknown>;
}

/** What the checks established about a submission. */
interface Checked {
  offeringId: string | null;
  offeringKind: string | null;
  iterationId: string | null;
  areaId: string | null;
  warnings: RequestWarning[];
}

/** Liaison officers' drafts and submissions: the checks, the routing decision and idempotent retries. */
@Injectable()
export class RequestSubmissionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: RequestRepository,
    private readonly catalogue: OfferingEligibility,
    private readonly partners: OrganisationLoaders,
    private readonly sections: SectionService,
    private readonly routing: RequestRoutingService,
    private readonly lifecycle: RequestLifecycle,
    private readonly journal: RequestJournal,
    private readonly nominees: NomineeIntake,
    private readonly seats: RequestSeatsService,
    private readonly kindFields: RequestFieldsService,
    private readonly plans: PlanService,
  ) {}

  saveDraft(ctx: RequestContext, input: SaveRequestDraftInput): Promise<CooperationRequest> {
    const partnerId = this.partnerOf(ctx);
    return this.uow.run(ctx, async (tx) => {
      await this.activePartner(tx, partnerId);
      input.participants = await this.nominees.resolve(tx, partnerId, input.participants);
      const areaId = input.areaCode ? await this.catalogue.areaId(tx, input.areaCode) : null;
      if (input.releasability) await this.catalogue.assertMarking(tx, input.releasability, 'input.releasability');
      await this.assertSubject(tx, input, true, partnerId);
      if (input.objectiveId) await this.plans.assertLinkable(tx, partnerId, input.objectiveId);
      const fields = { ...this.fields(input), area_id: areaId };
      let request: CooperationRequest;
      if (input.id) {
        if (input.expectedVersion === null || input.expectedVersion === undefined) throw DomainError.badInput('input.expectedVersion is required to update a draft.', 'input');
        // In the caller's reach (their partner's drafts) and still a DRAFT at that version, or nothing changes.
        const updated = await this.requests.update(tx, input.id, input.expectedVersion, fields, [], RequestStatus.DRAFT);
        request = updated ?? (await this.draftConflict(tx, input.id));
      } else {
        request = await this.requests.insertDraft(tx, partnerId, tx.actor!.id, fields);
      }
      // The web form saves a draft as the person types: one CREATED entry, not one UPDATED per pause. Each save
      // is still in the audit trail; the timeline is the request's story, which starts at submission.
      if (!input.id) await this.journal.timeline(tx, request.id, [{ type: RequestEventType.CREATED, toStatus: RequestStatus.DRAFT }]);
      await this.journal.recordAudit(tx, input.id ? 'request.draft.update' : 'request.draft.create', request.id, {});
      return request;
    });
  }

  submit(ctx: RequestContext, input: SubmitRequestInput): Promise<SubmitRequestPayload> {
    const partnerId = this.partnerOf(ctx);
    return this.uow.run(ctx, async (tx) => {
      const partner = await this.activePartner(tx, partnerId);
      const key = input.idempotencyKey ?? null;
      const hash = this.hash(input);
      if (key) {
        await this.requests.lockSubmissionKey(tx, tx.actor!.id, key);
        const seen = await this.requests.findSubmissionKey(tx, tx.actor!.id, key);
        if (seen) {
          if (seen.request_hash !== hash) {
            throw DomainError.conflict('This idempotencyKey was already used for a different request. Use a new key for a new request, or resend exactly the same input to get the original result.');
          }
          const original = await this.requests.findReachable(tx, seen.request_id);
          if (!original) throw DomainError.notFound('Request');
          return { request: original, warnings: seen.warnings };
        }
      }
      input.participants = await this.nominees.resolve(tx, partnerId, input.participants);
      if (input.releasability) await this.catalogue.assertMarking(tx, input.releasability, 'input.releasability');
      const checked = await this.check(tx, partner, this.subjectOf(input));
      if (input.objectiveId) await this.plans.assertLinkable(tx, partnerId, input.objectiveId);
      const draft = input.draftId ? await this.lockDraft(tx, input.draftId) : null;
      const request = await this.submitChecked(tx, partner, checked, this.fields(input), draft, key);
      if (key) await this.requests.insertSubmissionKey(tx, tx.actor!.id, key, hash, request.id, checked.warnings);
      return { request, warnings: checked.warnings };
    });
  }

  /** DRAFT → SUBMITTED through transitionRequest, in its unit of work: the same checks as submitRequest, on the loaded and locked draft's fields. */
  async submitDraft(tx: RequestContext, draft: CooperationRequest, expectedVersion: number): Promise<CooperationRequest> {
    const partner = await this.activePartner(tx, this.partnerOf(tx));
    const checked = await this.check(tx, partner, {
      offeringId: draft.offeringId,
      iterationId: draft.iterationId,
      areaCode: null,
      areaId: draft.areaId,
      desiredStart: draft.desiredStart,
      desiredEnd: draft.desiredEnd,
      seatsRequested: draft.seatsRequested,
      participants: draft.participants.length,
      emails: draft.participants,
      kindFields: draft.kindFields,
    });
    const fields: Omit<RequestFieldsRow, 'area_id'> = {
      offering_id: draft.offeringId,
      iteration_id: draft.iterationId,
      title: draft.title,
      purpose: draft.purpose,
      justification: draft.justification,
      desired_start: draft.desiredStart,
      desired_end: draft.desiredEnd,
      seats_requested: draft.seatsRequested,
      participants: JSON.stringify(draft.participants),
      priority: draft.priority,
      releasability: draft.releasability,
      kind_fields: JSON.stringify(draft.kindFields),
      objective_id: draft.objectiveId,
    };
    if (draft.version !== expectedVersion) throw new Error('submitDraft expects the version the caller checked');
    return this.submitChecked(tx, partner, checked, fields, draft, null);
  }

  /** Routes the checked request and submits it through the lifecycle door (a new request, or the draft). */
  private async submitChecked(
    tx: RequestContext,
    partner: AskingPartner,
    checked: Checked,
    fields: Omit<RequestFieldsRow, 'area_id'>,
    draft: CooperationRequest | null,
    key: string | null,
  ): Promise<CooperationRequest> {
    await this.nominees.assertQualified(tx, checked.offeringId, checked.iterationId, JSON.parse(fields.participants) as ParticipantData[]);
    const route = await this.routing.decide(tx, { partnerId: partner.id, offeringId: checked.offeringId, areaId: checked.areaId });
    const section = (await this.sections.serviceTargets(tx, route.sectionId))!;
    return this.lifecycle.transition(tx, draft ?? { unsaved: true, partnerId: partner.id, submitterId: tx.actor!.id }, RequestStatus.SUBMITTED, null, {
      expectedVersion: draft?.version ?? 0,
      set: {
        ...fields,
        offering_id: checked.offeringId,
        iteration_id: checked.iterationId,
        area_id: checked.areaId,
        offering_kind: checked.offeringKind,
        routed_section_id: route.sectionId,
        routing_rule_id: route.ruleId,
        routing_reason: route.reason,
        acknowledge_due_at: addWorkingDays(section.now, section.acknowledgeTargetDays, section.timeZone),
        decision_due_at: addWorkingDays(section.now, section.decideTargetDays, section.timeZone),
      },
      after: [{ type: RequestEventType.ROUTED, sectionId: route.sectionId, routingRuleId: route.ruleId, routingReason: route.reason }],
      auditDetails: (request) => ({
        reference: request.reference,
        routedSectionId: route.sectionId,
        routingRuleId: route.ruleId,
        routingReason: route.reason,
        idempotencyKey: key,
      }),
    });
  }

  /** Every check a liaison officer can act on, in the order they would fix them. */
  private async check(tx: RequestContext, partner: AskingPartner, subject: Subject): Promise<Checked> {
    const warnings: RequestWarning[] = [];
    await this.assertSubject(tx, { offeringId: subject.offeringId, iterationId: subject.iterationId, areaCode: subject.areaCode ?? subject.areaId }, false, partner.id);
    if (subject.desiredStart && subject.desiredEnd && subject.desiredEnd < subject.desiredStart) {
      throw DomainError.badInput('desiredEnd must be on or after desiredStart.', 'input');
    }
    const seats = subject.seatsRequested;
    const participants = subject.participants;
    if (seats > 0 && participants > seats) {
      throw DomainError.badInput(`You nominated ${participants} participants for ${seats} seats: ask for ${participants} seats or nominate fewer participants.`, 'input');
    }
    const areaId = async () => (subject.areaId !== undefined ? subject.areaId : subject.areaCode ? await this.catalogue.areaId(tx, subject.areaCode) : null);
    if (!subject.offeringId) {
      await this.kindFields.assertValid(tx, null, null, subject.kindFields);
      const area = await areaId();
      if (area) await this.warnDuplicate(tx, partner, { areaId: area }, 'in this area of cooperation', warnings);
      return { offeringId: null, offeringKind: null, iterationId: null, areaId: area, warnings };
    }

    // The catalogue's own eligibility rule (frameworks, listed partners, suspension), not a copy of it.
    const offering = await this.catalogue.assertRequestable(tx, partner, subject.offeringId);
    // The kind's (or the offering's) extra fields, strictly: every problem at once, each at its field (issue #15).
    await this.kindFields.assertValid(tx, offering.id, offering.kind, subject.kindFields);
    let startDate = subject.desiredStart;
    if (subject.iterationId) {
      const it = await this.catalogue.iteration(tx, subject.iterationId);
      if (!it || it.offeringId !== offering.id) throw DomainError.badInput(`iterationId is not an iteration of ${offering.code}; pick one of its iterations.`, 'input');
      const label = `The ${offering.code} iteration starting ${it.startDate} in ${it.location}`;
      // A FULL iteration still takes requests: staff approve them onto its waiting list (issue #14).
      if (it.status !== 'OPEN' && it.status !== 'FULL') {
        throw DomainError.badInput(`${label} is not open for applications (it is ${it.status.toLowerCase()}). Choose an open iteration.`, 'input');
      }
      if (it.status === 'FULL') {
        warnings.push({
          code: 'ITERATION_FULL',
          message: `${label} is full: if the section approves the request, nominees beyond the seats left go on its waiting list and are offered seats that come free.`,
          relatedReference: null,
        });
      }
      if (it.applicationDeadline && it.applicationDeadline < offering.today) {
        throw DomainError.badInput(`${label} closed for applications on ${it.applicationDeadline}. Choose a later iteration.`, 'input');
      }
      if (seats < 1) throw DomainError.badInput(`seatsRequested must be at least 1 to apply for ${label.charAt(0).toLowerCase()}${label.slice(1)}.`, 'input');
      if (it.capacity !== null && seats > it.capacity) {
        throw DomainError.badInput(`${label} has ${it.capacity} seats in all; ask for at most ${it.capacity}.`, 'input');
      }
      startDate = it.startDate;
      // The partner's own other request for this very iteration is DUPLICATE_OPEN_REQUEST below, not a clash (approval still checks it).
      const clashes = (await this.seats.clashes(tx, it.id, subject.emails ?? [], null)).filter((c) => c.iterationId !== it.id || c.partnerId !== partner.id);
      for (const clash of clashes) {
        warnings.push({
          code: 'NOMINEE_CLASH',
          message: `Nominee ${clash.index + 1} (${clash.email}) is also on ${this.seats.otherRequest({ partnerId: partner.id }, clash)} for an overlapping iteration. The section will not approve both without a reason.`,
          relatedReference: clash.partnerId === partner.id ? clash.reference : null,
        });
      }
      await this.warnDuplicate(tx, partner, { iterationId: it.id }, 'for this iteration', warnings);
    } else {
      await this.warnDuplicate(tx, partner, { offeringId: offering.id }, `for ${offering.code}`, warnings);
    }
    if (startDate && offering.leadTimeDays > 0 && startDate < offering.earliestStart) {
      throw DomainError.badInput(
        `${offering.code} needs ${offering.leadTimeDays} days' notice: the earliest start you can ask for today is ${offering.earliestStart}, not ${startDate}. Choose a later date or iteration.`,
        'input',
      );
    }
    return { offeringId: offering.id, offeringKind: offering.kind, iterationId: subject.iterationId, areaId: await areaId(), warnings };
  }

  /**
   * DUPLICATE_OPEN_REQUEST: the partner already has an open request for the same iteration, offering (none named)
   * or area (an open request). A warning, not a refusal: two units may ask for the same thing on purpose.
   */
  private async warnDuplicate(
    tx: RequestContext,
    partner: AskingPartner,
    subject: { iterationId: string } | { offeringId: string } | { areaId: string },
    what: string,
    warnings: RequestWarning[],
  ): Promise<void> {
    const duplicate = await this.requests.openRequestFor(tx, partner.id, subject, OPEN_STATUSES);
    if (!duplicate) return;
    warnings.push({
      code: 'DUPLICATE_OPEN_REQUEST',
      message: `${partner.code} already has an open request ${what} (${duplicate}); both will be reviewed. Withdraw one if it was sent twice.`,
      relatedReference: duplicate,
    });
  }

  private async assertSubject(
    tx: RequestContext,
    input: { offeringId?: string | null; iterationId?: string | null; areaCode?: string | null },
    draft: boolean,
    partnerId: string,
  ): Promise<void> {
    if (input.iterationId && !input.offeringId) throw DomainError.badInput('Give offeringId together with iterationId.', 'input');
    if (!input.offeringId && !input.areaCode && !draft) {
      throw DomainError.badInput('Choose an offering (offeringId), or give areaCode for an open request when nothing in the catalogue fits.', 'input');
    }
    // A draft may name any offering the partner can see; submission checks it fully.
    if (input.offeringId && draft) await this.catalogue.assertReferenceable(tx, input.offeringId, partnerId);
  }

  private partnerOf(ctx: RequestContext): string {
    const actor = ctx.actor;
    if (actor?.kind !== 'user' || actor.role !== Role.PARTNER_LIAISON || !actor.partnerId) {
      throw DomainError.forbidden('Only a partner liaison officer can draft or submit requests.');
    }
    return actor.partnerId;
  }

  private async activePartner(tx: RequestContext, partnerId: string): Promise<AskingPartner> {
    const partner = await this.partners.partnerById(tx).load(partnerId);
    if (!partner) throw DomainError.forbidden('Your account is not linked to a partner.');
    if (partner.suspended) {
      throw new DomainError(
        ErrorCode.PARTNER_SUSPENDED,
        `Cooperation with ${partner.nameEn} (${partner.code}) is suspended: no request can be drafted or submitted, and the catalogue shows nothing new. Your existing requests stay readable; contact your NATO point of contact about lifting the suspension.`,
        { partnerCode: partner.code },
      );
    }
    return { id: partner.id, code: partner.code, nameEn: partner.nameEn };
  }

  /** The draft named by submitRequest, locked, in the caller's reach; NOT_FOUND or INVALID_TRANSITION otherwise. */
  private async lockDraft(tx: RequestContext, id: string): Promise<CooperationRequest> {
    const row = await this.requests.findReachable(tx, id, true);
    if (!row) throw DomainError.notFound('Request');
    if (row.status !== RequestStatus.DRAFT) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `Only a draft can be submitted; this request is ${row.status}.`, {
        allowedTransitions: allowedTransitions(lifecycleRole(tx, row), row.status),
      });
    }
    return row;
  }

  /** Why a draft update matched no row: NOT_FOUND, not a draft any more, or another version. */
  private async draftConflict(tx: RequestContext, id: string): Promise<never> {
    const row = await this.requests.state(tx, id);
    if (!row) throw DomainError.notFound('Request');
    if (row.status !== RequestStatus.DRAFT) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `Only a draft can be edited; this request is ${row.status}.`, {
        allowedTransitions: allowedTransitions(lifecycleRole(tx, row), row.status),
      });
    }
    throw DomainError.conflict(`This draft was changed elsewhere (now version ${row.version}). Reload it and apply your change again.`, { currentVersion: row.version });
  }

  private subjectOf(input: RequestFieldsInput): Subject {
    return {
      offeringId: input.offeringId ?? null,
      iterationId: input.iterationId ?? null,
      areaCode: input.areaCode ?? null,
      desiredStart: input.desiredStart ?? null,
      desiredEnd: input.desiredEnd ?? null,
      seatsRequested: input.seatsRequested ?? 0,
      participants: input.participants?.length ?? 0,
      emails: input.participants ?? [],
      kindFields: input.kindFields ?? {},
    };
  }

  /** The columns a partner fills in, from an input (the area is resolved separately). */
  private fields(input: RequestFieldsInput): Omit<RequestFieldsRow, 'area_id'> {
    const participants: ParticipantData[] = (input.participants ?? []).map((p) => ({
      name: p.name ?? '',
      rankOrTitle: p.rankOrTitle ?? null,
      email: p.email ?? null,
      languageLevel: p.languageLevel ?? null,
      clearance: p.clearance ?? null,
      ...nomineeFields(p),
    }));
    return {
      offering_id: input.offeringId ?? null,
      iteration_id: input.iterationId ?? null,
      title: (input as { title: string }).title,
      purpose: input.purpose ?? null,
      justification: input.justification ?? null,
      desired_start: input.desiredStart ?? null,
      desired_end: input.desiredEnd ?? null,
      seats_requested: input.seatsRequested ?? 0,
      participants: JSON.stringify(participants),
      priority: input.priority ?? RequestPriority.NORMAL,
      releasability: input.releasability ?? DEFAULT_MARKING,
      // Kept as typed, also when a draft's fields have problems (they are reported on the draft, not refused).
      kind_fields: JSON.stringify(input.kindFields ?? {}),
      objective_id: input.objectiveId ?? null,
    };
  }

  /** The payload's fingerprint, key order and absent-vs-null aside. */
  private hash(input: SubmitRequestInput): string {
    const f = this.fields(input);
    const canonical = JSON.stringify([
      input.draftId ?? null, f.offering_id, f.iteration_id, input.areaCode ?? null,
      f.title, f.purpose, f.justification, f.desired_start, f.desired_end, f.seats_requested, f.participants, f.priority,
      // Only what differs from the defaults joins the fingerprint, so keys recorded before markings, kind fields and
      // objectives existed still match their retries.
      ...(f.releasability === DEFAULT_MARKING ? [] : [f.releasability]),
      ...(f.kind_fields === '{}' ? [] : [f.kind_fields]),
      ...(f.objective_id ? [f.objective_id] : []),
    ]);
    return createHash('sha256').update(canonical).digest('hex');
  }
}

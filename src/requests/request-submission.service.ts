import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { OfferingStatus } from '../catalogue/catalogue.enums.js';
import type { OfferingFilter } from '../catalogue/dto/offering-filter.input.js';
import { applyOfferingConditions } from '../catalogue/offering-query.js';
import { Offering } from '../catalogue/offering.entity.js';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { CooperationRequest, type ParticipantData } from './cooperation-request.entity.js';
import type { RequestFieldsInput, SaveRequestDraftInput, SubmitRequestInput } from './dto/request.inputs.js';
import type { RequestWarning, SubmitRequestPayload } from './dto/request.types.js';
import { RequestJournal } from './request-journal.js';
import { allowedTransitions } from './request-lifecycle.js';
import { RequestRoutingService } from './request-routing.service.js';
import { OPEN_STATUSES, RequestEventType, RequestPriority, RequestStatus } from './request.enums.js';
import { addWorkingDays } from './working-days.js';

interface PartnerRow {
  id: string;
  code: string;
  name_en: string;
  suspended: boolean;
}

/** What the checks established about a submission. */
interface Checked {
  offeringId: string | null;
  offeringKind: string | null;
  iterationId: string | null;
  areaId: string | null;
  warnings: RequestWarning[];
}

const REFERENCE_SQL = `(SELECT 'CR-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || CASE WHEN n < 100000 THEN lpad(n::text, 5, '0') ELSE n::text END
  FROM nextval('cooperation_request_reference_seq') AS n)`;

/** Liaison officers' drafts and submissions: the checks, the routing decision and idempotent retries. */
@Injectable()
export class RequestSubmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routing: RequestRoutingService,
    private readonly journal: RequestJournal,
  ) {}

  saveDraft(ctx: RequestContext, input: SaveRequestDraftInput): Promise<CooperationRequest> {
    const partnerId = this.partnerOf(ctx);
    return this.dataSource.transaction(async (m) => {
      await this.activePartner(m, partnerId);
      const areaId = await this.areaId(m, input.areaCode);
      await this.assertSubject(m, input, true);
      const fields = this.columns(input);
      let id = input.id ?? undefined;
      if (id) {
        if (input.expectedVersion === null || input.expectedVersion === undefined) throw DomainError.badInput('input.expectedVersion is required to update a draft.', 'input');
        const [rows, changed] = (await m.query(
          `UPDATE cooperation_request SET offering_id = $4, iteration_id = $5, area_id = $6, title = $7, purpose = $8, justification = $9,
                  desired_start = $10, desired_end = $11, seats_requested = $12, participants = $13, priority = $14, version = version + 1, updated_at = now()
            WHERE id = $1 AND partner_id = $2 AND version = $3 AND status = 'DRAFT' RETURNING id`,
          [id, partnerId, input.expectedVersion, fields.offeringId, fields.iterationId, areaId, ...fields.rest],
        )) as [unknown[], number];
        if (changed !== 1 || rows.length !== 1) await this.draftConflict(m, ctx, id, partnerId);
      } else {
        const [row] = (await m.query(
          `INSERT INTO cooperation_request (reference, partner_id, submitter_id, status, offering_id, iteration_id, area_id, title, purpose, justification,
                  desired_start, desired_end, seats_requested, participants, priority)
           VALUES (${REFERENCE_SQL}, $1, $2, 'DRAFT', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
          [partnerId, ctx.actor!.id, fields.offeringId, fields.iterationId, areaId, ...fields.rest],
        )) as { id: string }[];
        id = row!.id;
      }
      await this.journal.timeline(m, ctx, id, [{ type: input.id ? RequestEventType.UPDATED : RequestEventType.CREATED, toStatus: RequestStatus.DRAFT }]);
      await this.journal.recordAudit(m, ctx, input.id ? 'request.draft.update' : 'request.draft.create', id, {});
      return m.findOneByOrFail(CooperationRequest, { id });
    });
  }

  submit(ctx: RequestContext, input: SubmitRequestInput): Promise<SubmitRequestPayload> {
    const partnerId = this.partnerOf(ctx);
    return this.dataSource.transaction((m) => this.submitIn(m, ctx, partnerId, input, null));
  }

  /** DRAFT → SUBMITTED through transitionRequest: the same checks as submitRequest, on the draft's fields. */
  submitDraft(ctx: RequestContext, id: string, expectedVersion: number): Promise<CooperationRequest> {
    const partnerId = this.partnerOf(ctx);
    return this.dataSource.transaction(async (m) => {
      const draft = await m
        .getRepository(CooperationRequest)
        .createQueryBuilder('r')
        .leftJoin('cooperation_area', 'a', 'a.id = r.area_id')
        .addSelect('a.code', 'area_code')
        .where('r.id = :id AND r.partner_id = :partnerId', { id, partnerId })
        .getRawAndEntities<{ area_code: string | null }>();
      const row = draft.entities[0];
      if (!row) throw DomainError.notFound('Request');
      const input = {
        draftId: row.id,
        offeringId: row.offeringId,
        iterationId: row.iterationId,
        areaCode: draft.raw[0]!.area_code,
        title: row.title,
        purpose: row.purpose,
        justification: row.justification,
        desiredStart: row.desiredStart,
        desiredEnd: row.desiredEnd,
        seatsRequested: row.seatsRequested,
        participants: row.participants,
        priority: row.priority,
      } as SubmitRequestInput;
      return (await this.submitIn(m, ctx, partnerId, input, expectedVersion)).request;
    });
  }

  private async submitIn(m: EntityManager, ctx: RequestContext, partnerId: string, input: SubmitRequestInput, expectedVersion: number | null): Promise<SubmitRequestPayload> {
    const partner = await this.activePartner(m, partnerId);
    const key = input.idempotencyKey ?? null;
    const hash = this.hash(input);
    if (key) {
      // Serialises retries of one key: the second caller waits here, then finds the first one's record.
      await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`submit:${ctx.actor!.id}:${key}`]);
      const [seen] = (await m.query('SELECT request_hash, request_id, warnings FROM request_submission_key WHERE actor_id = $1 AND idempotency_key = $2', [
        ctx.actor!.id,
        key,
      ])) as Array<{ request_hash: string; request_id: string; warnings: RequestWarning[] }>;
      if (seen) {
        if (seen.request_hash !== hash) {
          throw DomainError.conflict('This idempotencyKey was already used for a different request. Use a new key for a new request, or resend exactly the same input to get the original result.');
        }
        return { request: await m.findOneByOrFail(CooperationRequest, { id: seen.request_id }), warnings: seen.warnings };
      }
    }

    const checked = await this.check(m, partner, input);
    const fields = this.columns(input);
    const draft = input.draftId ? await this.lockDraft(m, ctx, input.draftId, partnerId, expectedVersion) : null;
    const route = await this.routing.decide(m, { partnerId, offeringId: checked.offeringId, areaId: checked.areaId });
    const [section] = (await m.query('SELECT time_zone, acknowledge_target_days, decide_target_days, now() AS now FROM section WHERE id = $1', [route.sectionId])) as Array<{
      time_zone: string;
      acknowledge_target_days: number;
      decide_target_days: number;
      now: Date;
    }>;
    const acknowledgeDue = addWorkingDays(section!.now, section!.acknowledge_target_days, section!.time_zone);
    const decisionDue = addWorkingDays(section!.now, section!.decide_target_days, section!.time_zone);
    const values = [
      checked.offeringId, checked.iterationId, checked.areaId, checked.offeringKind, ...fields.rest,
      route.sectionId, route.ruleId, route.reason, acknowledgeDue, decisionDue,
    ];

    let id: string;
    if (draft) {
      await m.query(
        `UPDATE cooperation_request SET offering_id = $2, iteration_id = $3, area_id = $4, offering_kind = $5, title = $6, purpose = $7, justification = $8,
                desired_start = $9, desired_end = $10, seats_requested = $11, participants = $12, priority = $13, routed_section_id = $14, routing_rule_id = $15,
                routing_reason = $16, acknowledge_due_at = $17, decision_due_at = $18, status = 'SUBMITTED', submitted_at = now(), version = version + 1, updated_at = now()
          WHERE id = $1`,
        [draft, ...values],
      );
      id = draft;
    } else {
      const [row] = (await m.query(
        `INSERT INTO cooperation_request (reference, partner_id, submitter_id, status, submitted_at, offering_id, iteration_id, area_id, offering_kind, title, purpose,
                justification, desired_start, desired_end, seats_requested, participants, priority, routed_section_id, routing_rule_id, routing_reason,
                acknowledge_due_at, decision_due_at)
         VALUES (${REFERENCE_SQL}, $1, $2, 'SUBMITTED', now(), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
        [partnerId, ctx.actor!.id, ...values],
      )) as { id: string }[];
      id = row!.id;
    }
    const request = await m.findOneByOrFail(CooperationRequest, { id });
    await this.journal.timeline(m, ctx, id, [
      { type: RequestEventType.SUBMITTED, fromStatus: draft ? RequestStatus.DRAFT : null, toStatus: RequestStatus.SUBMITTED },
      { type: RequestEventType.ROUTED, sectionId: route.sectionId, routingRuleId: route.ruleId, routingReason: route.reason },
    ]);
    await this.journal.recordAudit(m, ctx, 'request.submit', id, {
      reference: request.reference,
      routedSectionId: route.sectionId,
      routingRuleId: route.ruleId,
      routingReason: route.reason,
      idempotencyKey: key,
    });
    await this.journal.arrivedInSection(m, request, route.sectionId, false);
    if (key) {
      await m.query('INSERT INTO request_submission_key (actor_id, idempotency_key, request_hash, request_id, warnings) VALUES ($1, $2, $3, $4, $5)', [
        ctx.actor!.id,
        key,
        hash,
        id,
        JSON.stringify(checked.warnings),
      ]);
    }
    return { request, warnings: checked.warnings };
  }

  /** Every check a liaison officer can act on, in the order they would fix them. */
  private async check(m: EntityManager, partner: PartnerRow, input: RequestFieldsInput): Promise<Checked> {
    const warnings: RequestWarning[] = [];
    await this.assertSubject(m, input, false);
    if (input.desiredStart && input.desiredEnd && input.desiredEnd < input.desiredStart) {
      throw DomainError.badInput('desiredEnd must be on or after desiredStart.', 'input');
    }
    const seats = input.seatsRequested ?? 0;
    const participants = input.participants?.length ?? 0;
    if (seats > 0 && participants > seats) {
      throw DomainError.badInput(`You nominated ${participants} participants for ${seats} seats: ask for ${participants} seats or nominate fewer participants.`, 'input');
    }
    if (!input.offeringId) {
      return { offeringId: null, offeringKind: null, iterationId: null, areaId: await this.areaId(m, input.areaCode), warnings };
    }

    const [offering] = (await m.query(
      `SELECT o.id, o.code, o.kind, o.status, o.lead_time_days, CURRENT_DATE::text AS today, (CURRENT_DATE + o.lead_time_days)::text AS earliest_start
         FROM offering o WHERE o.id = $1`,
      [input.offeringId],
    )) as Array<{ id: string; code: string; kind: string; status: string; lead_time_days: number; today: string; earliest_start: string }>;
    if (!offering || offering.status === OfferingStatus.DRAFT) throw DomainError.notFound('Offering');
    if (offering.status !== OfferingStatus.PUBLISHED) {
      throw new DomainError(ErrorCode.NOT_ELIGIBLE, `${offering.code} is ${offering.status.toLowerCase()} and no longer takes requests. Choose a published offering from the catalogue.`);
    }
    // The catalogue's own eligibility rule (frameworks, listed partners, suspension), not a copy of it.
    const eligible = applyOfferingConditions(
      m.getRepository(Offering).createQueryBuilder('o').select('o.id').where('o.id = :offeringId', { offeringId: offering.id }),
      null,
      { eligibleForPartner: partner.code } as OfferingFilter,
      [OfferingStatus.PUBLISHED],
    );
    if (!(await eligible.getRawOne())) {
      const [open] = (await m.query(
        `SELECT ARRAY(SELECT f.code FROM offering_eligible_framework x JOIN partnership_framework f ON f.id = x.framework_id WHERE x.offering_id = $1 ORDER BY f.code) AS frameworks,
                ARRAY(SELECT p.code FROM offering_eligible_partner x JOIN partner p ON p.id = x.partner_id WHERE x.offering_id = $1 ORDER BY p.code) AS partners`,
        [offering.id],
      )) as Array<{ frameworks: string[]; partners: string[] }>;
      const to = [open!.frameworks.length ? `partners of ${open!.frameworks.join(', ')}` : '', open!.partners.length ? open!.partners.join(', ') : ''].filter(Boolean).join(' and ');
      throw new DomainError(ErrorCode.NOT_ELIGIBLE, `${partner.name_en} (${partner.code}) is not eligible for ${offering.code}: it is open to ${to}. Choose another offering, or ask the owning section about an exception.`, {
        offeringCode: offering.code,
      });
    }

    let startDate = input.desiredStart ?? null;
    if (input.iterationId) {
      const [it] = (await m.query(
        `SELECT id, offering_id, start_date::text AS start_date, location, capacity, application_deadline::text AS deadline, status FROM offering_iteration WHERE id = $1`,
        [input.iterationId],
      )) as Array<{ id: string; offering_id: string; start_date: string; location: string; capacity: number | null; deadline: string | null; status: string }>;
      if (!it || it.offering_id !== offering.id) throw DomainError.badInput(`iterationId is not an iteration of ${offering.code}; pick one of its iterations.`, 'input');
      const label = `The ${offering.code} iteration starting ${it.start_date} in ${it.location}`;
      if (it.status !== 'OPEN') throw DomainError.badInput(`${label} is not open for applications (it is ${it.status.toLowerCase()}). Choose an open iteration.`, 'input');
      if (it.deadline && it.deadline < offering.today) {
        throw DomainError.badInput(`${label} closed for applications on ${it.deadline}. Choose a later iteration.`, 'input');
      }
      if (seats < 1) throw DomainError.badInput(`seatsRequested must be at least 1 to apply for ${label.charAt(0).toLowerCase()}${label.slice(1)}.`, 'input');
      if (it.capacity !== null && seats > it.capacity) {
        throw DomainError.badInput(`${label} has ${it.capacity} seats in all; ask for at most ${it.capacity}.`, 'input');
      }
      startDate = it.start_date;
      const [dup] = (await m.query(
        `SELECT reference FROM cooperation_request WHERE partner_id = $1 AND iteration_id = $2 AND status = ANY($3::text[]) ORDER BY created_at LIMIT 1`,
        [partner.id, it.id, OPEN_STATUSES],
      )) as Array<{ reference: string }>;
      if (dup) {
        warnings.push({
          code: 'DUPLICATE_OPEN_REQUEST',
          message: `${partner.code} already has an open request for this iteration (${dup.reference}); both will be reviewed. Withdraw one if it was sent twice.`,
          relatedReference: dup.reference,
        });
      }
    }
    if (startDate && offering.lead_time_days > 0 && startDate < offering.earliest_start) {
      throw DomainError.badInput(
        `${offering.code} needs ${offering.lead_time_days} days' notice: the earliest start you can ask for today is ${offering.earliest_start}, not ${startDate}. Choose a later date or iteration.`,
        'input',
      );
    }
    return { offeringId: offering.id, offeringKind: offering.kind, iterationId: input.iterationId ?? null, areaId: await this.areaId(m, input.areaCode), warnings };
  }

  private async assertSubject(m: EntityManager, input: RequestFieldsInput, draft: boolean): Promise<void> {
    if (input.iterationId && !input.offeringId) throw DomainError.badInput('Give offeringId together with iterationId.', 'input');
    if (!input.offeringId && !input.areaCode && !draft) {
      throw DomainError.badInput('Choose an offering (offeringId), or give areaCode for an open request when nothing in the catalogue fits.', 'input');
    }
    // A draft may name any offering the partner can see; submission checks it fully.
    if (input.offeringId && draft) {
      const [o] = (await m.query(`SELECT 1 FROM offering WHERE id = $1 AND status <> 'DRAFT'`, [input.offeringId])) as unknown[];
      if (!o) throw DomainError.notFound('Offering');
    }
  }

  private async areaId(m: EntityManager, code: string | null | undefined): Promise<string | null> {
    if (!code) return null;
    const [area] = (await m.query('SELECT id FROM cooperation_area WHERE code = $1', [code])) as { id: string }[];
    if (!area) throw DomainError.badInput(`areaCode ${JSON.stringify(code)} is not an area of cooperation; see cooperationAreas for the codes.`, 'input');
    return area.id;
  }

  private partnerOf(ctx: RequestContext): string {
    const actor = ctx.actor;
    if (actor?.kind !== 'user' || actor.role !== Role.PARTNER_LIAISON || !actor.partnerId) {
      throw DomainError.forbidden('Only a partner liaison officer can draft or submit requests.');
    }
    return actor.partnerId;
  }

  private async activePartner(m: EntityManager, partnerId: string): Promise<PartnerRow> {
    const [partner] = (await m.query('SELECT id, code, name_en, suspended FROM partner WHERE id = $1', [partnerId])) as PartnerRow[];
    if (!partner) throw DomainError.forbidden('Your account is not linked to a partner.');
    if (partner.suspended) {
      throw DomainError.forbidden(`Cooperation with ${partner.name_en} (${partner.code}) is suspended: no request can be drafted or submitted. Contact your NATO point of contact.`);
    }
    return partner;
  }

  private async lockDraft(m: EntityManager, ctx: RequestContext, id: string, partnerId: string, expectedVersion: number | null): Promise<string> {
    const [row] = (await m.query('SELECT id, status, version FROM cooperation_request WHERE id = $1 AND partner_id = $2 FOR UPDATE', [id, partnerId])) as Array<{
      id: string;
      status: RequestStatus;
      version: number;
    }>;
    if (!row) throw DomainError.notFound('Request');
    if (expectedVersion !== null && row.version !== expectedVersion) {
      throw DomainError.conflict(`This request was changed by someone else (now version ${row.version}). Reload it and try again.`, { currentVersion: row.version });
    }
    if (row.status !== RequestStatus.DRAFT) {
      const allowed = allowedTransitions(ctx.actor?.role, row.status);
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `Only a draft can be submitted; this request is ${row.status}.`, { allowedTransitions: allowed });
    }
    return row.id;
  }

  private async draftConflict(m: EntityManager, ctx: RequestContext, id: string, partnerId: string): Promise<never> {
    const [row] = (await m.query('SELECT status, version FROM cooperation_request WHERE id = $1 AND partner_id = $2', [id, partnerId])) as Array<{ status: RequestStatus; version: number }>;
    if (!row) throw DomainError.notFound('Request');
    if (row.status !== RequestStatus.DRAFT) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `Only a draft can be edited; this request is ${row.status}.`, { allowedTransitions: allowedTransitions(ctx.actor?.role, row.status) });
    }
    throw DomainError.conflict(`This draft was changed elsewhere (now version ${row.version}). Reload it and apply your change again.`, { currentVersion: row.version });
  }

  private columns(input: RequestFieldsInput) {
    const participants: ParticipantData[] = (input.participants ?? []).map((p) => ({
      name: p.name,
      rankOrTitle: p.rankOrTitle ?? null,
      email: p.email ?? null,
      languageLevel: p.languageLevel ?? null,
      clearance: p.clearance ?? null,
    }));
    return {
      offeringId: input.offeringId ?? null,
      iterationId: input.iterationId ?? null,
      rest: [
        (input as { title: string }).title,
        input.purpose ?? null,
        input.justification ?? null,
        input.desiredStart ?? null,
        input.desiredEnd ?? null,
        input.seatsRequested ?? 0,
        JSON.stringify(participants),
        input.priority ?? RequestPriority.NORMAL,
      ],
    };
  }

  /** The payload's fingerprint, key order and absent-vs-null aside. */
  private hash(input: SubmitRequestInput): string {
    const { rest, offeringId, iterationId } = this.columns(input);
    const canonical = JSON.stringify([input.draftId ?? null, offeringId, iterationId, input.areaCode ?? null, ...rest]);
    return createHash('sha256').update(canonical).digest('hex');
  }
}

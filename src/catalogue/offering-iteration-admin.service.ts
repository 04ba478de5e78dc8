import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { missingIterationTexts, refuseUntranslated } from './bilingual-publishing.js';
import { IterationStatus, OfferingStatus } from './catalogue.enums.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { OfferingIterationInput } from './dto/offering-iteration.input.js';
import type { OfferingIteration } from './offering-iteration.entity.js';
import { OfferingRepository } from './offering.repository.js';
import { SeatLedger } from './seat-ledger.js';
import { WebhookEvents } from '../integrations/webhook-events.js';

/** Administrators' edits to an offering's dated runs; seats already allocated are never taken away. */
@Injectable()
export class OfferingIterationAdminService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly offerings: OfferingRepository,
    private readonly audit: AuditService,
    private readonly ledger: SeatLedger,
    private readonly webhooks: WebhookEvents,
  ) {}

  upsert(ctx: RequestContext, input: OfferingIterationInput): Promise<OfferingIteration> {
    if (input.endDate < input.startDate) throw DomainError.badInput('input.endDate must be on or after input.startDate.', 'input');
    if (input.applicationDeadline && input.applicationDeadline > input.startDate) {
      throw DomainError.badInput('input.applicationDeadline must be on or before input.startDate.', 'input');
    }
    // A new run open for applications cannot have started already (issue #18). An existing one may be edited
    // while it runs (capacity, location), so only new iterations are checked.
    if (!input.id && input.status === IterationStatus.OPEN && input.startDate < new Date().toISOString().slice(0, 10)) {
      throw DomainError.badInput('input.startDate is in the past: an iteration open for applications must start today or later. Record a past run as COMPLETED or CANCELLED.', 'input');
    }
    return this.uow.run(ctx, async (tx) => {
      const offeringState = await this.offerings.shareLockForIteration(tx, input.offeringId);
      if (!offeringState) throw DomainError.notFound('Offering');
      const row = {
        start_date: input.startDate,
        end_date: input.endDate,
        location: input.location,
        location_fr: input.locationFr ?? null,
        capacity: input.capacity ?? null,
        application_deadline: input.applicationDeadline ?? null,
        partner_quota: input.partnerQuota ?? null,
        status: input.status,
      };
      let id = input.id;
      if (id) {
        // Locked so a seat allocation running concurrently cannot slip under a reduced capacity.
        const current = await this.offerings.lockSeats(tx, id, input.offeringId);
        if (!current) throw DomainError.notFound('Iteration');
        if (input.capacity !== null && input.capacity !== undefined && input.capacity < current.seats_allocated) {
          throw DomainError.conflict(`input.capacity ${input.capacity} is below the ${current.seats_allocated} seats already allocated.`, { seatsAllocated: current.seats_allocated });
        }
        await this.offerings.updateIteration(tx, id, row);
      } else {
        id = await this.offerings.insertIteration(tx, input.offeringId, row);
      }
      // A published offering stays bilingual (issue #15): this iteration's location in both languages, named by its
      // position among the iterations as publishing names it. Drafts stay free until they are published.
      if (offeringState.status === OfferingStatus.PUBLISHED) {
        const texts = await this.offerings.iterationTexts(tx, input.offeringId);
        const index = texts.findIndex((it) => it.id === id);
        refuseUntranslated(offeringState.code, 'saved', missingIterationTexts(texts[index]!, index));
      }
      // OPEN / FULL / CLOSED follow the seats; room made by a larger capacity or quota goes to the waiting list.
      await this.ledger.rebalance(tx, id);
      await this.audit.record(tx, input.id ? 'iteration.update' : 'iteration.create', { type: 'OfferingIteration', id }, { offeringId: input.offeringId });
      const iteration = (await this.offerings.findIteration(tx, id))!;
      const offering = (await this.offerings.findById(tx, input.offeringId))!;
      await this.webhooks.iterationChanged(tx, offering, {
        id,
        startDate: iteration.startDate,
        endDate: iteration.endDate,
        location: iteration.locationEn,
        status: iteration.status,
        capacity: iteration.capacity,
        applicationDeadline: iteration.applicationDeadline,
      }, !input.id);
      return iteration;
    });
  }
}

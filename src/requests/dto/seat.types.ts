import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IterationStatus } from '../../catalogue/catalogue.enums.js';
import { Partner } from '../../organisation/partner.entity.js';

export enum NominationState {
  ACCEPTED = 'ACCEPTED',
  WAITLISTED = 'WAITLISTED',
  OFFERED = 'OFFERED',
  DECLINED = 'DECLINED',
  LAPSED = 'LAPSED',
  RELEASED = 'RELEASED',
}
registerEnumType(NominationState, {
  name: 'NominationState',
  description:
    'ACCEPTED (holds a seat), WAITLISTED (in line, see waitlistPosition), OFFERED (a freed seat to confirm before offerExpiresAt), DECLINED (by staff, or the offer by the partner), LAPSED (an offer not confirmed in time), RELEASED (the request was withdrawn or cancelled).',
});

@ObjectType({ description: 'The decision on one nominee of a request, and where it stands on the iteration.' })
export class Nomination {
  @Field(() => Int, { description: 'The nominee\'s index in participants, from 0.' })
  index: number;

  @Field(() => NominationState)
  state: NominationState;

  @Field(() => String, { nullable: true, description: 'Why it was declined or lapsed; the partner reads it.' })
  reason: string | null;

  @Field(() => Int, { nullable: true, description: 'For WAITLISTED: the place in the iteration\'s line (1 = next to be offered a seat).' })
  waitlistPosition: number | null;

  @Field(() => Date, { nullable: true, description: 'For OFFERED: confirm before then, or the seat passes to the next in line.' })
  offerExpiresAt: Date | null;

  @Field(() => Date)
  decidedAt: Date;
}

@ObjectType({ description: 'One partner\'s seats on an iteration.' })
export class PartnerSeats {
  @Field(() => Partner)
  partner: Partner;

  @Field(() => Int, { description: 'Seats held by its approved requests.' })
  seats: number;

  @Field(() => Int, { description: 'Freed seats offered to its nominees, not yet confirmed (they count against the quota).' })
  offered: number;

  @Field(() => Int, { description: 'Its nominees on the waiting list.' })
  waiting: number;
}

@ObjectType({ description: 'A place on the iteration\'s line: an open offer or a waiting nominee.' })
export class SeatLineEntry {
  @Field(() => Int, { nullable: true, description: '1 for the next to be offered a seat; null for an open offer.' })
  position: number | null;

  @Field(() => NominationState)
  state: NominationState;

  @Field(() => Partner)
  partner: Partner;

  @Field(() => ID, { nullable: true, description: 'The request the nominee is on; null when it is out of your reach.' })
  requestId: string | null;

  @Field(() => String, { nullable: true, description: 'Its reference, e.g. CR-2026-00042; null when it is out of your reach.' })
  requestReference: string | null;

  @Field(() => Int, { description: 'The nominee\'s index in that request\'s participants.' })
  index: number;

  @Field(() => Date, { nullable: true })
  queuedAt: Date | null;

  @Field(() => Date, { nullable: true })
  offerExpiresAt: Date | null;
}

@ObjectType({ description: 'Seats on one iteration: capacity, allocation per partner, quota and the waiting list.' })
export class SeatBoard {
  @Field(() => ID)
  iterationId: string;

  @Field(() => IterationStatus)
  status: IterationStatus;

  @Field(() => Int, { nullable: true })
  capacity: number | null;

  @Field(() => Int, { description: 'Seats held plus seats offered.' })
  seatsAllocated: number;

  @Field(() => Int, { nullable: true })
  partnerQuota: number | null;

  @Field(() => [PartnerSeats])
  perPartner: PartnerSeats[];

  @Field(() => [SeatLineEntry], { description: 'Open offers, then the waiting list in order.' })
  line: SeatLineEntry[];
}

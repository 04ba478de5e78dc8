import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EventTextKind } from '../event-params.js';

registerEnumType(EventTextKind, { name: 'EventTextKind', description: 'What a system-written timeline text says; its parameters are in RequestEvent.params.' });

@ObjectType({ description: 'The parameters of a system-written timeline text (which ones are set depends on kind).' })
export class RequestEventParams {
  @Field(() => EventTextKind)
  kind: EventTextKind;

  @Field(() => Int, { nullable: true, description: 'SEATS: how many seats.' })
  seats?: number | null;

  @Field(() => Int, { nullable: true, description: 'NOMINEE, NOMINEE_NOTE, SEAT_OFFER: the nominee, indexed from 0.' })
  index?: number | null;

  @Field(() => String, { nullable: true, description: 'SEAT_OFFER: the deadline to confirm, ISO 8601 in UTC.' })
  expiresAt?: string | null;

  @Field(() => String, { nullable: true, description: 'NOMINEE_NOTE, CLASH_OVERRIDDEN, SPS_DECISION: what the person wrote, as written.' })
  note?: string | null;

  @Field(() => Int, { nullable: true, description: 'DECISIONS: nominees accepted.' })
  accepted?: number | null;

  @Field(() => Int, { nullable: true, description: 'DECISIONS: nominees waitlisted.' })
  waitlisted?: number | null;

  @Field(() => Int, { nullable: true, description: 'DECISIONS: nominees declined.' })
  declined?: number | null;

  @Field(() => String, { nullable: true, description: "SPS_DECISION: the committee batch's name." })
  batch?: string | null;

  @Field(() => String, { nullable: true, description: "SPS_DECISION: the batch's meeting date (YYYY-MM-DD)." })
  meetingDate?: string | null;

  @Field(() => String, { nullable: true, description: "SPS_DECISION: the outcome's English label." })
  outcomeEn?: string | null;

  @Field(() => String, { nullable: true, description: "SPS_DECISION: the outcome's French label." })
  outcomeFr?: string | null;
}


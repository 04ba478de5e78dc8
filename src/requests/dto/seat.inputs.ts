import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

/** What staff decide for one nominee at approval. */
export enum NomineeDecisionKind {
  ACCEPTED = 'ACCEPTED',
  WAITLISTED = 'WAITLISTED',
  DECLINED = 'DECLINED',
}
registerEnumType(NomineeDecisionKind, {
  name: 'NomineeDecisionKind',
  description: 'ACCEPTED (takes one of the approved seats), WAITLISTED (joins the iteration\'s waiting list), DECLINED (with a reason the partner reads).',
});

@InputType({ description: 'The decision on one nominee, by its index in the request\'s participants (0 for the first).' })
export class NomineeDecisionInput {
  @Field(() => Int, { description: 'The nominee\'s index in participants, from 0.' })
  @IsInt()
  @Min(0)
  @Max(199)
  index: number;

  @Field(() => NomineeDecisionKind)
  @IsEnum(NomineeDecisionKind)
  decision: NomineeDecisionKind;

  @Field(() => String, { nullable: true, description: 'Why; required for DECLINED. The partner reads it.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;
}

@InputType({ description: 'Approves a request under review with a chosen number of seats and a decision per nominee.' })
export class ApproveRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a request id' })
  id: string;

  @Field(() => Int, { description: 'The version you last saw; a stale one is a CONFLICT carrying currentVersion.' })
  @IsInt()
  expectedVersion: number;

  @Field(() => Int, { description: 'Seats granted on the iteration: at most the seats requested, at least the nominees accepted.' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  seats: number;

  @Field(() => [NomineeDecisionInput], { defaultValue: [], description: 'One decision for every nominee of the request (none when it names no one).' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => NomineeDecisionInput)
  nominees: NomineeDecisionInput[];

  @Field(() => String, { nullable: true, description: 'Why; shown on the timeline.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Approve although an accepted nominee is also on another request for an overlapping iteration: why (recorded on the timeline and in the audit).',
  })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  clashOverrideReason?: string | null;
}

@InputType({ description: 'A seat offered to one of your waitlisted nominees.' })
export class SeatOfferInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a request id' })
  requestId: string;

  @Field(() => Int, { description: 'The nominee\'s index in participants, from 0.' })
  @IsInt()
  @Min(0)
  @Max(199)
  index: number;

  @Field(() => String, { nullable: true, description: 'Why (declining only); the section reads it on the timeline.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;
}

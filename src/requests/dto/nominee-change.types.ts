import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ParticipantInput } from './request.inputs.js';
import { RequestParticipant } from './request.types.js';

@InputType({ description: "Replaces the nominees of your submitted request (before the change window; see nomineeChangeWindow)." })
export class UpdateNomineesInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a request id' })
  requestId: string;

  @Field(() => Int)
  @IsInt()
  expectedVersion: number;

  @Field(() => [ParticipantInput], { description: 'The whole list, in order. Once approved, the same number: each takes the decision of the one it replaces.' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ParticipantInput)
  participants: ParticipantInput[];

  @Field(() => String, { nullable: true, description: 'Why; shown on the timeline.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType({ description: 'Inside the change window: asks staff to replace one nominee by another.' })
export class RequestSubstitutionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a request id' })
  requestId: string;

  @Field(() => Int, { description: "The index of the nominee to replace in participants, from 0." })
  @IsInt()
  @Min(0)
  @Max(199)
  index: number;

  @Field(() => ParticipantInput)
  @ValidateNested()
  @Type(() => ParticipantInput)
  nominee: ParticipantInput;

  @Field({ description: 'Why; staff read it before deciding.' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

@InputType()
export class DecideSubstitutionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a substitution id' })
  id: string;

  @Field()
  @IsBoolean()
  approve: boolean;

  @Field(() => String, { nullable: true, description: 'Why; required to reject. The partner reads it on the timeline.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Approve although the proposed nominee is also on another open request for an overlapping iteration: why (audited).',
  })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  clashOverrideReason?: string | null;
}

export enum SubstitutionStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(SubstitutionStatus, { name: 'SubstitutionStatus' });

@ObjectType({ description: 'A substitution of one nominee asked for inside the change window (personal data: the proposed nominee).' })
export class NomineeSubstitution {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The index of the nominee replaced.' })
  index: number;

  @Field(() => RequestParticipant)
  proposed: RequestParticipant;

  @Field()
  reason: string;

  @Field(() => SubstitutionStatus)
  status: SubstitutionStatus;

  @Field(() => String, { nullable: true })
  decisionReason: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}

@ObjectType({ description: 'When nominees of a request may change freely, and from when only substitutions approved by staff.' })
export class NomineeChangeWindow {
  @Field(() => Int, { description: 'The window in days before the start (NOMINEE_CHANGE_WINDOW_DAYS).' })
  days: number;

  @Field({ description: 'True from `days` days before the start: only substitutions, with staff approval.' })
  substitutionsOnly: boolean;

  @Field(() => String, { description: 'The last day nominees can be edited freely (YYYY-MM-DD).' })
  editableUntil: string;
}

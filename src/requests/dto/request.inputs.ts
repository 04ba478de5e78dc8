import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LocalDate } from '../../catalogue/local-date.scalar.js';
import { JSONObject } from '../../common/graphql/json-object.scalar.js';
import { ClearanceLevel } from '../../catalogue/nominee-requirement.types.js';
import { RequestPriority, RequestStatus } from '../request.enums.js';
import { LanguageProfileInput } from './nominee.types.js';

@InputType({ description: 'A nominated participant (personal data: seen only by the partner and the responsible NATO staff).' })
export class ParticipantInput {
  @Field(() => String, { nullable: true, description: 'Required unless nomineeId picks the person from your directory.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Rank or title, e.g. LTC, Dr.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  rankOrTitle?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'participants.email must be an email address' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. a STANAG 6001 profile such as 3232.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  languageLevel?: string | null;

  @Field(() => String, { nullable: true, description: 'Security clearance held, e.g. NATO SECRET.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  clearance?: string | null;

  // Issue #14 item 5 (nominees): a pick from the directory, or the structured facts checked against the course.
  @Field(() => ID, { nullable: true, description: "A nominee of your partner's directory: name, rank, email, clearance and SLPs are taken from it." })
  @IsOptional()
  @IsUUID('all', { message: 'participants.nomineeId must be a nominee id' })
  nomineeId?: string | null;

  @Field(() => ClearanceLevel, { nullable: true, description: 'Security clearance held, checked against the course requirement.' })
  @IsOptional()
  @IsEnum(ClearanceLevel)
  clearanceLevel?: ClearanceLevel | null;

  @Field(() => [LanguageProfileInput], { nullable: true, description: 'STANAG 6001 profiles, checked against the course requirement.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => LanguageProfileInput)
  languageProfiles?: LanguageProfileInput[] | null;
}

/** Fields a draft and a submission share. */
@InputType({ isAbstract: true })
export abstract class RequestFieldsInput {
  @Field(() => ID, { nullable: true, description: 'The offering asked for; omit for an open request in an area.' })
  @IsOptional()
  @IsUUID('all', { message: 'offeringId must be an offering id' })
  offeringId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A dated run of the offering (course session, exercise).' })
  @IsOptional()
  @IsUUID('all', { message: 'iterationId must be an iteration id' })
  iterationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Area of cooperation code, for an open request (no offering).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  areaCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  purpose?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  justification?: string | null;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  desiredStart?: string | null;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  desiredEnd?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  seatsRequested?: number;

  @Field(() => [ParticipantInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ParticipantInput)
  participants?: ParticipantInput[] | null;

  @Field(() => RequestPriority, { nullable: true })
  @IsOptional()
  @IsEnum(RequestPriority)
  priority?: RequestPriority | null;

  @Field(() => String, { nullable: true, description: 'Releasability marking, a code of releasabilityMarkings; NATO UNCLASSIFIED when omitted.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  releasability?: string | null;

  // Issue #15: checked against the offering's RequestFieldSchema (leniently on a draft, strictly on submission).
  @Field(() => JSONObject, { nullable: true, description: "The offering kind's extra fields (see requestFieldSchema), e.g. an SPS application's directors, budget and dates." })
  @IsOptional()
  @IsObject()
  kindFields?: Record<string, unknown> | null;

  @Field(() => ID, { nullable: true, description: "The objective of your partner's plan this request serves (partnerObjectives)." })
  @IsOptional()
  @IsUUID('all', { message: 'objectiveId must be an objective id' })
  objectiveId?: string | null;
}

@InputType({ description: 'Saves a draft; with id (and expectedVersion) updates that draft.' })
export class SaveRequestDraftInput extends RequestFieldsInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a request id' })
  id?: string | null;

  @Field(() => Int, { nullable: true, description: 'Required with id.' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;
}

@InputType({ description: 'Submits a request (or, with draftId, a saved draft). Safe to retry with the same idempotencyKey.' })
export class SubmitRequestInput extends RequestFieldsInput {
  @Field(() => ID, { nullable: true, description: 'Submit this draft, replacing its fields with the ones given.' })
  @IsOptional()
  @IsUUID('all', { message: 'draftId must be a request id' })
  draftId?: string | null;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @Field(() => String, {
    nullable: true,
    description: 'Any unique string per intended submission (e.g. a UUID made by the client): the same key returns the same request, a different payload with it is a CONFLICT.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'idempotencyKey must be 1–200 printable ASCII characters without spaces' })
  idempotencyKey?: string | null;
}

@InputType()
export class TransitionRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a request id' })
  id: string;

  @Field(() => RequestStatus)
  @IsEnum(RequestStatus)
  to: RequestStatus;

  @Field(() => String, { nullable: true, description: 'Why; shown on the timeline.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;

  @Field(() => Int, { description: 'The version you last saw; a stale one is a CONFLICT carrying currentVersion.' })
  @IsInt()
  expectedVersion: number;
}

@InputType()
export class WithdrawRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a request id' })
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;

  @Field(() => Int)
  @IsInt()
  expectedVersion: number;
}

@InputType()
export class RespondToInformationRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a request id' })
  id: string;

  @Field({ description: 'The answer; posted as a comment the section sees, and the request returns to review.' })
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  body: string;

  @Field(() => Int)
  @IsInt()
  expectedVersion: number;
}

@InputType()
export class AddCommentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a request id' })
  requestId: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  body: string;

  @Field({ defaultValue: false, description: 'An internal note: NATO staff only, never shown to the partner.' })
  @IsBoolean()
  internal: boolean;
}

@InputType({ description: 'Narrows the requests list; every given condition must hold, any value of a list matches.' })
export class RequestFilter {
  @Field(() => [RequestStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(RequestStatus, { each: true })
  statuses?: RequestStatus[];

  @Field(() => [String], { nullable: true, description: 'Codes of routed sections.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  sectionCodes?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  partnerCodes?: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'offeringId must be an offering id' })
  offeringId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be a user id' })
  assigneeId?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: past a service target; false: within them.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  submittedAfter?: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  submittedBefore?: Date;

  @Field(() => Int, {
    nullable: true,
    description: "The course runs in this year: the iteration's start date, else the desired start, else the submission (the dashboard's byYear).",
  })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2200)
  courseYear?: number;

  @Field(() => String, { nullable: true, description: 'Part of the reference, title or purpose.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @Field(() => [String], { nullable: true, description: 'Programmes: offering kinds at submission (OPEN_REQUEST for open requests).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  programmes?: string[];

  @Field(() => ID, { nullable: true, description: "Linked to this objective of a partner's plan." })
  @IsOptional()
  @IsUUID('all', { message: 'objectiveId must be an objective id' })
  objectiveId?: string;
}

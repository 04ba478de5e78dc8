import { applyDecorators } from '@nestjs/common';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { OfferingIteration } from '../../catalogue/offering-iteration.entity.js';
import { Offering } from '../../catalogue/offering.entity.js';
import { Connection } from '../../common/pagination/connection.js';
import { ClearanceLevel, LANGUAGE_PATTERN, SLP_PATTERN } from '../nominee-check.js';

export enum AttendanceOutcome {
  ATTENDED = 'ATTENDED',
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
}
registerEnumType(AttendanceOutcome, { name: 'AttendanceOutcome', description: 'What became of a nominee on the course: attended (not completed), completed, or did not come.' });

export enum SurveyStatus {
  PENDING = 'PENDING',
  SUBMITTED = 'SUBMITTED',
}
registerEnumType(SurveyStatus, { name: 'SurveyStatus' });

@ObjectType({ description: 'A STANAG 6001 Standardized Language Profile in one language.' })
export class LanguageProfile {
  @Field({ description: 'ISO 639-1 code, e.g. en, fr.' })
  language: string;

  @Field({ description: 'Four digits 0–5: listening, speaking, reading, writing (e.g. 3232).' })
  slp: string;

  @Field({ description: 'Established by a STANAG 6001 test; a self-declared profile does not meet a requirement.' })
  validated: boolean;
}

@InputType()
export class LanguageProfileInput {
  @Field({ description: 'ISO 639-1 code, lower case, e.g. en.' })
  @IsString()
  @Matches(LANGUAGE_PATTERN, { message: 'languageProfiles.language must be a two-letter ISO 639-1 code in lower case, e.g. en' })
  language: string;

  @Field({ description: 'Four digits 0–5 in the order listening, speaking, reading, writing, e.g. 3232.' })
  @IsString()
  @Matches(SLP_PATTERN, { message: 'languageProfiles.slp must be four digits from 0 to 5 (listening, speaking, reading, writing), e.g. 3232' })
  slp: string;

  @Field({ description: 'True when a STANAG 6001 test established it.' })
  @IsBoolean()
  validated: boolean;
}

@ObjectType({ description: "A person in a partner's nominee directory (personal data: the partner's users and covering coordinators)." })
export class Nominee {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  rankOrTitle: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => ClearanceLevel)
  clearanceLevel: ClearanceLevel;

  @Field(() => [LanguageProfile])
  languageProfiles: LanguageProfile[];

  @Field(() => Int, { description: 'Send it back as expectedVersion to update.' })
  version: number;

  partnerId: string;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class NomineeConnection extends Connection(Nominee) {}

@InputType({ description: "A person for your partner's nominee directory." })
export class NomineeInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  rankOrTitle?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @Field(() => ClearanceLevel, { nullable: true, description: 'NONE when omitted.' })
  @IsOptional()
  @IsEnum(ClearanceLevel)
  clearanceLevel?: ClearanceLevel | null;

  @Field(() => [LanguageProfileInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => LanguageProfileInput)
  languageProfiles?: LanguageProfileInput[] | null;
}

@InputType()
export class UpdateNomineeInput extends NomineeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a nominee id' })
  id: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

@InputType()
export class DeleteNomineeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a nominee id' })
  id: string;

  @Field(() => Int, { description: 'The version you last saw: a nominee changed since is not removed (CONFLICT).' })
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

@ObjectType({ description: 'One nominee of a request checked against the course\'s requirement (personal data, like participants).' })
export class NomineeCheck {
  @Field(() => Int, { description: 'Position in participants (0-based).' })
  participantIndex: number;

  @Field()
  name: string;

  @Field()
  meetsRequirements: boolean;

  @Field(() => [String], { description: 'What falls short, e.g. "clearance NATO RESTRICTED is below the required NATO SECRET".' })
  shortfalls: string[];
}

@InputType()
export class AttendanceEntryInput {
  @Field(() => Int, { description: 'Position of the nominee in the request\'s participants (0-based).' })
  @IsInt()
  @Min(0)
  @Max(199)
  participantIndex: number;

  @Field(() => AttendanceOutcome)
  @IsEnum(AttendanceOutcome)
  outcome: AttendanceOutcome;
}

@InputType()
export class RecordAttendanceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a request id' })
  requestId: string;

  @Field(() => [AttendanceEntryInput])
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryInput)
  entries: AttendanceEntryInput[];
}

@ObjectType({ description: 'What staff recorded for one nominee after the course (personal data, like participants).' })
export class NomineeAttendance {
  @Field(() => Int)
  participantIndex: number;

  @Field()
  participantName: string;

  @Field(() => AttendanceOutcome)
  outcome: AttendanceOutcome;

  @Field()
  recordedAt: Date;
}

@ObjectType({ description: "A line of a partner's training history: one nominee's outcome on one course iteration." })
export class TrainingRecord {
  @Field(() => ID, { description: 'The request the nominee was on.' })
  requestId: string;

  @Field()
  requestReference: string;

  @Field(() => Int)
  participantIndex: number;

  @Field()
  participantName: string;

  @Field(() => AttendanceOutcome)
  outcome: AttendanceOutcome;

  @Field()
  recordedAt: Date;

  offeringId: string;
  iterationId: string;

  @Field(() => Offering, { nullable: true })
  offering?: Offering | null;

  @Field(() => OfferingIteration, { nullable: true })
  iteration?: OfferingIteration | null;
}

@ObjectType()
export class TrainingRecordConnection extends Connection(TrainingRecord) {}

@ObjectType({ description: 'The short feedback survey a partner receives once its nominees have attended a course.' })
export class CourseSurvey {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  requestId: string;

  @Field()
  requestReference: string;

  offeringId: string;
  iterationId: string;

  @Field(() => Offering, { nullable: true })
  offering?: Offering | null;

  @Field(() => OfferingIteration, { nullable: true })
  iteration?: OfferingIteration | null;

  @Field(() => SurveyStatus)
  status: SurveyStatus;

  @Field(() => Int, { nullable: true, description: 'Overall, 1 (poor) to 5 (excellent).' })
  ratingOverall: number | null;

  @Field(() => Int, { nullable: true, description: 'Course content, 1–5.' })
  ratingContent: number | null;

  @Field(() => Int, { nullable: true, description: 'Organisation and logistics, 1–5.' })
  ratingOrganisation: number | null;

  @Field(() => Int, { nullable: true, description: "Relevance to the partner's needs, 1–5." })
  ratingRelevance: number | null;

  @Field(() => String, { nullable: true })
  comments: string | null;

  @Field()
  sentAt: Date;

  @Field(() => Date, { nullable: true })
  submittedAt: Date | null;
}

@ObjectType()
export class CourseSurveyConnection extends Connection(CourseSurvey) {}

/** A survey rating: a whole number from 1 (poor) to 5 (excellent); the message names the field. */
function Rating(field: string): PropertyDecorator {
  const message = `${field} must be from 1 to 5`;
  return applyDecorators(Field(() => Int, { description: '1–5' }), IsInt({ message }), Min(1, { message }), Max(5, { message }));
}

@InputType()
export class SubmitCourseSurveyInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'surveyId must be a survey id' })
  surveyId: string;

  @Rating('ratingOverall')
  ratingOverall: number;

  @Rating('ratingContent')
  ratingContent: number;

  @Rating('ratingOrganisation')
  ratingOrganisation: number;

  @Rating('ratingRelevance')
  ratingRelevance: number;

  @Field(() => String, { nullable: true, description: 'In English or French, up to 4000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comments?: string | null;
}

@ObjectType({ description: 'A comment from a survey, with the partner that wrote it.' })
export class SurveyComment {
  @Field()
  partnerCode: string;

  @Field(() => ID, { nullable: true })
  iterationId: string;

  @Field()
  text: string;

  @Field()
  submittedAt: Date;
}

@ObjectType({ description: 'Survey results of an offering, or of one iteration: averages over the submitted surveys and their comments.' })
export class SurveyResults {
  @Field(() => Int, { description: 'Surveys submitted.' })
  responses: number;

  @Field(() => Int, { description: 'Surveys sent and not yet answered.' })
  pending: number;

  @Field(() => Float, { nullable: true })
  averageOverall: number | null;

  @Field(() => Float, { nullable: true })
  averageContent: number | null;

  @Field(() => Float, { nullable: true })
  averageOrganisation: number | null;

  @Field(() => Float, { nullable: true })
  averageRelevance: number | null;

  @Field(() => [SurveyComment], { description: 'The 100 most recent comments.' })
  comments: SurveyComment[];
}

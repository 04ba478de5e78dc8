import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { LocalDate } from '../../catalogue/local-date.scalar.js';
import { JSONObject } from '../../common/graphql/json-object.scalar.js';
import { CooperationRequest } from '../../requests/cooperation-request.entity.js';
import { RequestStatus } from '../../requests/request.enums.js';

@ObjectType({ description: 'One criterion of the SPS peer-review rubric (data: sps_rubric_criterion).' })
export class SpsRubricCriterion {
  @Field()
  code: string;

  @Field({ description: 'In the language of the request.' })
  label: string;

  @Field({ description: 'What a reviewer looks at, in the language of the request.' })
  guidance: string;

  @Field(() => Int)
  minScore: number;

  @Field(() => Int)
  maxScore: number;
}

@ObjectType({ description: 'What the SPS committee may decide on an application (data: sps_decision_outcome).' })
export class SpsDecisionOutcome {
  @Field({ description: 'ENDORSED, NOT_ENDORSED or DEFERRED as seeded.' })
  code: string;

  @Field()
  label: string;

  @Field(() => RequestStatus, { nullable: true, description: 'The status the request moves to through its lifecycle; null when it stays (a deferral).' })
  requestStatus: RequestStatus | null;
}

@ObjectType()
export class SpsScore {
  @Field()
  criterionCode: string;

  @Field(() => Int)
  score: number;
}

@ObjectType({ description: 'A peer review of an SPS application: for SPS staff and the reviewer only, never for the partner.' })
export class SpsReview {
  @Field(() => ID)
  id: string;

  requestId: string;
  reviewerId: string;

  @Field()
  assignedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the reviewer submitted the scores; null while pending.' })
  submittedAt: Date | null;

  @Field(() => [SpsScore])
  scores: SpsScore[];

  @Field(() => Int, { nullable: true, description: 'Sum of the scores; null while pending.' })
  total: number | null;

  @Field(() => String, { nullable: true })
  comments: string | null;

  @Field(() => Int, { description: 'Send it back as expectedVersion when submitting the review.' })
  version: number;
}

@ObjectType({ description: 'A committee meeting that decides a set of SPS applications.' })
export class SpsCommitteeBatch {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => LocalDate)
  meetingDate: string;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'An SPS grant application as SPS staff see it: the request, its peer reviews, its committee batch and decision.' })
export class SpsApplication {
  @Field(() => ID, { description: 'The request id.' })
  id: string;

  @Field(() => CooperationRequest)
  request: CooperationRequest;

  @Field(() => SpsCommitteeBatch, { nullable: true })
  batch: SpsCommitteeBatch | null;

  @Field(() => SpsDecisionOutcome, { nullable: true, description: 'The committee decision; null until recorded.' })
  outcome: SpsDecisionOutcome | null;

  @Field(() => String, { nullable: true })
  decisionReason: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}

@ObjectType({ description: 'An SPS application assigned to you for peer review, with what you need to score it.' })
export class SpsReviewAssignment {
  @Field(() => ID, { description: 'The review id (submitSpsReview).' })
  id: string;

  requestId: string;

  @Field()
  reference: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  purpose: string | null;

  @Field(() => String, { nullable: true })
  justification: string | null;

  @Field(() => JSONObject, { description: 'The application fields (directors, budget, key dates).' })
  kindFields: Record<string, unknown>;

  @Field(() => SpsReview, { description: 'Your review: scores and comments so far.' })
  review: SpsReview;
}

@InputType()
export class AssignSpsReviewerInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a request id' })
  requestId: string;

  @Field(() => ID, { description: 'An active NATO staff member (section staff or coordinator); see spsReviewerCandidates.' })
  @IsUUID('all', { message: 'reviewerId must be a user id' })
  reviewerId: string;
}

@InputType()
export class SpsScoreInput {
  @Field()
  @IsString()
  @MaxLength(64)
  criterionCode: string;

  @Field(() => Int)
  @IsInt()
  score: number;
}

@InputType()
export class SubmitSpsReviewInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'reviewId must be a review id' })
  reviewId: string;

  @Field(() => [SpsScoreInput], { description: 'One score per rubric criterion (spsRubric), within its range.' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SpsScoreInput)
  scores: SpsScoreInput[];

  @Field({ description: 'Your assessment for the committee; never shown to the partner.' })
  @IsString()
  @MinLength(1, { message: 'comments: say what the scores rest on (at least one sentence)' })
  @MaxLength(10_000)
  comments: string;

  @Field(() => Int)
  @IsInt()
  expectedVersion: number;
}

@InputType()
export class CreateSpsBatchInput {
  @Field({ description: 'e.g. "SPS committee, March 2027".' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => LocalDate)
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  meetingDate: string;
}

@InputType()
export class AddSpsApplicationsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'batchId must be a batch id' })
  batchId: string;

  @Field(() => [ID])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'requestIds must be request ids' })
  requestIds: string[];
}

@InputType()
export class RecordSpsDecisionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a request id' })
  requestId: string;

  @Field({ description: 'A code of spsDecisionOutcomes.' })
  @IsString()
  @MaxLength(64)
  outcomeCode: string;

  @Field({ description: 'Why; shown on the request\'s timeline to the partner when the decision moves it.' })
  @IsString()
  @MinLength(1, { message: 'reason: give the committee\'s reasons' })
  @MaxLength(2000)
  reason: string;

  @Field(() => Int, { description: 'The request version you last saw.' })
  @IsInt()
  expectedVersion: number;
}

@ObjectType()
export class SpsApplicationSummary {
  @Field(() => Float, { nullable: true, description: 'Mean of the submitted reviews\' totals; null when none is submitted.' })
  averageTotal: number | null;

  @Field(() => Int)
  reviewsAssigned: number;

  @Field(() => Int)
  reviewsSubmitted: number;
}

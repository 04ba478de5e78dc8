import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination/connection.js';
import { ClearanceLevel } from '../../catalogue/nominee-requirement.types.js';
import { CooperationRequest } from '../cooperation-request.entity.js';
import { LanguageProfile } from './nominee.types.js';

@ObjectType({ description: 'A nominated participant (personal data).' })
export class RequestParticipant {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  rankOrTitle: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  languageLevel: string | null;

  @Field(() => String, { nullable: true })
  clearance: string | null;

  @Field(() => ID, { nullable: true, description: 'The directory entry this nominee was picked from.' })
  nomineeId: string | null;

  @Field(() => ClearanceLevel, { nullable: true })
  clearanceLevel: ClearanceLevel | null;

  @Field(() => [LanguageProfile])
  languageProfiles: LanguageProfile[];
}

@ObjectType({ description: 'A person on a request (submitter, assignee, author): name only.' })
export class RequestPerson {
  @Field(() => ID)
  id: string;

  @Field()
  displayName: string;
}

@ObjectType({ description: 'Something the submitter should know; the request was submitted all the same.' })
export class RequestWarning {
  @Field({ description: 'e.g. DUPLICATE_OPEN_REQUEST.' })
  code: string;

  @Field()
  message: string;

  @Field(() => String, { nullable: true, description: 'Reference of the related request, when there is one.' })
  relatedReference: string | null;
}

@ObjectType()
export class SubmitRequestPayload {
  @Field(() => CooperationRequest)
  request: CooperationRequest;

  @Field(() => [RequestWarning])
  warnings: RequestWarning[];
}

@ObjectType({ description: 'A page of cooperation requests you may see.' })
export class CooperationRequestConnection extends Connection(CooperationRequest) {
  /** Counted only when selected. */
  count: () => Promise<number>;
}

@ObjectType({ description: 'How many requests have this value.' })
export class RequestCount {
  @Field({ description: 'A status, section code, partner code or offering kind (OPEN_REQUEST for open requests).' })
  key: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Durations in hours over the requests that reached the step.' })
export class DurationStatistics {
  @Field(() => Int)
  count: number;

  @Field(() => Float, { nullable: true })
  medianHours: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile.' })
  p90Hours: number | null;
}

@ObjectType({ description: 'Counts and service times over the requests you may see that match the filter.' })
export class RequestStatistics {
  @Field(() => Int)
  total: number;

  @Field(() => Int)
  overdue: number;

  @Field(() => [RequestCount])
  byStatus: RequestCount[];

  @Field(() => [RequestCount])
  bySection: RequestCount[];

  @Field(() => [RequestCount])
  byPartner: RequestCount[];

  @Field(() => [RequestCount])
  byKind: RequestCount[];

  @Field(() => DurationStatistics, { description: 'Submission to first review.' })
  timeToAcknowledge: DurationStatistics;

  @Field(() => DurationStatistics, { description: 'Submission to approval or decline.' })
  timeToDecide: DurationStatistics;
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CooperationRequest } from '../cooperation-request.entity.js';

/** One row of a bulk assignment: the request as assigned, or why it was left as it was. */
@ObjectType({ description: 'The outcome of assignRequests for one request: assigned (request set), or refused (code and message set).' })
export class AssignRequestsRow {
  @Field(() => ID, { description: 'The id as sent.' })
  requestId: string;

  @Field(() => CooperationRequest, { nullable: true, description: 'The request after the assignment; null when refused.' })
  request: CooperationRequest | null;

  @Field(() => String, { nullable: true, description: 'Why this request was refused: NOT_FOUND (out of reach) or BAD_USER_INPUT (the person may not take it).' })
  code: string | null;

  @Field(() => String, { nullable: true, description: 'What to do about the refusal, for a person.' })
  message: string | null;
}

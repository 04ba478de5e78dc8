import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { OfferingKind } from '../../catalogue/catalogue.enums.js';
import { JSONObject } from '../../common/graphql/json-object.scalar.js';

@ObjectType({ description: 'The extra request fields an offering kind (or one offering, overriding its kind) asks for, as a JSON Schema.' })
export class RequestFieldSchema {
  @Field(() => ID)
  id: string;

  @Field(() => OfferingKind, { nullable: true, description: 'The kind it applies to; null for one offering\'s own schema.' })
  offeringKind: string | null;

  @Field(() => ID, { nullable: true, description: 'The offering it applies to (overriding its kind\'s); null for a kind\'s schema.' })
  offeringId: string | null;

  @Field(() => JSONObject, {
    description:
      'A JSON Schema (draft 2020-12 subset) of an object. Labels: title (English), x-title-fr (French); x-enum-titles / x-enum-titles-fr label enum values; ' +
      'x-options names a reference list the server checks (allied-nations); x-months-after-submission {min, max} bounds a date from the submission day.',
  })
  schema: Record<string, unknown>;

  @Field(() => Int, { description: 'Counts replacements.' })
  version: number;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: 'A problem with one of a request\'s kind-specific fields.' })
export class RequestFieldProblem {
  @Field({ description: 'JSON-pointer-like path into kindFields, e.g. /natoDirector/country.' })
  path: string;

  @Field({ description: 'Stable: REQUIRED, WRONG_TYPE, INVALID_DATE, INVALID_FORMAT, NOT_ALLOWED, NOT_IN_LIST, OUT_OF_RANGE, OUTSIDE_LEAD_TIME, TOO_LONG, TOO_MANY, UNKNOWN_FIELD.' })
  code: string;

  @Field({ description: 'What to change, in the language of the request.' })
  message: string;
}

@InputType()
export class RequestFieldSchemaSubject {
  @Field(() => OfferingKind, { nullable: true, description: 'A kind\'s schema; or give offeringId.' })
  @IsOptional()
  @IsEnum(OfferingKind)
  kind?: OfferingKind | null;

  @Field(() => ID, { nullable: true, description: 'One offering\'s own schema, overriding its kind\'s.' })
  @IsOptional()
  @IsUUID('all', { message: 'offeringId must be an offering id' })
  offeringId?: string | null;
}

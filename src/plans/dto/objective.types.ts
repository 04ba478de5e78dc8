import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { LocalDate } from '../../catalogue/local-date.scalar.js';

export enum ObjectiveStatus {
  PROPOSED = 'PROPOSED',
  AGREED = 'AGREED',
  IN_PROGRESS = 'IN_PROGRESS',
  ACHIEVED = 'ACHIEVED',
  DROPPED = 'DROPPED',
}
registerEnumType(ObjectiveStatus, {
  name: 'ObjectiveStatus',
  description: 'PROPOSED by the partner (or staff), AGREED with NATO, IN_PROGRESS, ACHIEVED, or DROPPED (requests can no longer link to it).',
});

@ObjectType({ description: "One objective of a partner's Individually Tailored Partnership Programme (ITPP): ends, ways and means." })
export class PartnerObjective {
  @Field(() => ID)
  id: string;

  partnerId: string;

  @Field()
  title: string;

  @Field({ description: 'Ends: what the partner wants to achieve.' })
  ends: string;

  @Field(() => String, { nullable: true, description: 'Ways: the activities that get there.' })
  ways: string | null;

  @Field(() => String, { nullable: true, description: 'Means: the tools and funding.' })
  means: string | null;

  @Field(() => String, { nullable: true, description: 'Who owns the objective (an office or a person, as the partner names it).' })
  owner: string | null;

  @Field(() => LocalDate, { nullable: true })
  targetDate: string | null;

  @Field(() => ObjectiveStatus)
  status: ObjectiveStatus;

  @Field(() => Int, { description: 'Send it back as expectedVersion when updating.' })
  version: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

/** The fields of an objective, for both creating and updating. */
@InputType({ isAbstract: true })
export abstract class ObjectiveFieldsInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @Field({ description: 'What the partner wants to achieve.' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  ends: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  ways?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  means?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  owner?: string | null;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  targetDate?: string | null;

  @Field(() => ObjectiveStatus, { nullable: true, description: "Coordinators and administrators set it; a liaison officer's objective stays PROPOSED." })
  @IsOptional()
  @IsEnum(ObjectiveStatus)
  status?: ObjectiveStatus | null;
}

@InputType({ description: "Adds an objective to a partner's plan (a liaison officer proposes one for their own partner)." })
export class CreateObjectiveInput extends ObjectiveFieldsInput {
  @Field({ description: 'The partner whose plan it belongs to, e.g. GEO.' })
  @IsString()
  @Matches(/^[A-Z0-9_]{2,16}$/, { message: 'partnerCode must be a partner code such as GEO' })
  partnerCode: string;
}

@InputType()
export class UpdateObjectiveInput extends ObjectiveFieldsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an objective id' })
  id: string;

  @Field(() => Int, { description: 'The version you last saw; a stale one is a CONFLICT carrying currentVersion.' })
  @IsInt()
  expectedVersion: number;
}

import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IterationStatus } from '../catalogue.enums.js';
import { LocalDate } from '../local-date.scalar.js';

@InputType({ description: 'A new iteration of an offering (no id), or changes to one (with its id).' })
export class OfferingIterationInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  id?: string;

  @Field(() => ID)
  @IsUUID()
  offeringId: string;

  @Field(() => LocalDate)
  @IsString()
  startDate: string;

  @Field(() => LocalDate)
  @IsString()
  endDate: string;

  @Field({ description: 'The location in English.' })
  @IsString()
  @Length(1, 300)
  location: string;

  @Field(() => String, { nullable: true, description: 'The location in French; required to publish the offering, and on every iteration of a published one.' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  locationFr?: string | null;

  @Field(() => Int, { nullable: true, description: 'Seats; omit for no seat limit. Never below the seats already allocated.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number | null;

  @Field(() => Int, { nullable: true, description: 'At most this many seats per partner; omit for no quota. Seats already held are kept.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  partnerQuota?: number | null;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  @IsString()
  applicationDeadline?: string | null;

  @Field(() => IterationStatus, { defaultValue: IterationStatus.PLANNED })
  @IsEnum(IterationStatus)
  status: IterationStatus;
}

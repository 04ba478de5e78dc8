import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { LocalDate } from '../local-date.scalar.js';
import { DeliveryMode, OfferingKind, OfferingStatus } from '../catalogue.enums.js';

/** Every given condition must hold; within one list, any value matches. Unknown codes are bad input. */
@InputType({ description: 'Narrows the offerings list; every given condition must hold, any value of a list matches.' })
export class OfferingFilter {
  @Field(() => [OfferingKind], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(OfferingKind, { each: true })
  kinds?: OfferingKind[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  areaCodes?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  topicCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Codes of owning sections.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  sectionCodes?: string[];

  @Field(() => [DeliveryMode], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(DeliveryMode, { each: true })
  deliveryModes?: DeliveryMode[];

  @Field(() => String, { nullable: true, description: 'A partner code: only offerings this partner may request (none for a suspended partner).' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  eligibleForPartner?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Has an iteration (not cancelled) starting on or after this date.' })
  @IsOptional()
  @IsString()
  startsAfter?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Has an iteration (not cancelled) starting on or before this date.' })
  @IsOptional()
  @IsString()
  startsBefore?: string;

  @Field({ nullable: true, description: 'true: has an iteration still taking applications with free seats (in the date range, if given); false: has none.' })
  @IsOptional()
  @IsBoolean()
  hasOpenSeats?: boolean;

  @Field(() => [OfferingStatus], { nullable: true, description: 'Administrators only; everyone else sees PUBLISHED offerings whatever this says.' })
  @IsOptional()
  @IsArray()
  @IsEnum(OfferingStatus, { each: true })
  statuses?: OfferingStatus[];
}

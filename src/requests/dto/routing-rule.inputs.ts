import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { OfferingKind } from '../../catalogue/catalogue.enums.js';

@InputType({ description: 'A routing rule: every criterion given must match; none given matches every request.' })
export class RoutingRuleInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => String, { description: 'Code of the section that receives matching requests.' })
  @IsString()
  @MaxLength(64)
  targetSectionCode: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'offeringId must be an offering id' })
  offeringId?: string | null;

  @Field(() => OfferingKind, { nullable: true })
  @IsOptional()
  @IsEnum(OfferingKind)
  offeringKind?: OfferingKind | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  areaCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  topicCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  partnerCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  frameworkCode?: string | null;
}

@InputType()
export class CreateRoutingRuleInput extends RoutingRuleInput {
  @Field(() => Int, { nullable: true, description: 'Where to insert it (1 = first); last by default. Later rules move down.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number | null;
}

@InputType({ description: 'Replaces a rule\'s name, criteria and target (criteria left out are cleared).' })
export class UpdateRoutingRuleInput extends RoutingRuleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a routing rule id' })
  id: string;

  @Field(() => Int)
  @IsInt()
  expectedVersion: number;
}

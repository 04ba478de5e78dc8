import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { LocalisedField } from '../../common/i18n/localised-field.js';

/** A decimal amount with at most two decimals, as text so no float rounds it (numeric(16,2) in the database). */
export const AMOUNT_PATTERN = /^\d{1,14}(\.\d{1,2})?$/;

@ObjectType({ description: 'Where money comes from (data an administrator can extend): COMMON_FUNDING, TRUST_FUND (named), NATIONAL, SPS_GRANT.' })
export class FundingSource {
  @Field()
  code: string;

  @LocalisedField('nameEn', 'nameFr', { description: 'The name in the content language.' })
  name?: string;

  nameEn: string;
  nameFr: string;

  @Field({ description: 'A line from this source must name it (e.g. which trust fund).' })
  requiresName: boolean;
}

@ObjectType({ description: 'Money on a request or an offering: a source, a fiscal year, an ISO 4217 currency, committed and spent.' })
export class FundingLine {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  requestId: string | null;

  @Field(() => ID, { nullable: true })
  offeringId: string | null;

  @Field()
  sourceCode: string;

  @Field(() => String, { nullable: true, description: 'The named source, e.g. the trust fund.' })
  sourceName: string | null;

  @Field(() => Int)
  fiscalYear: number;

  @Field({ description: 'ISO 4217 code, e.g. EUR.' })
  currency: string;

  @Field({ description: 'Decimal text, e.g. "12500.00".' })
  committed: string;

  @Field({ description: 'Decimal text, e.g. "9800.50".' })
  spent: string;

  @Field(() => String, { nullable: true, description: 'Why more was spent than committed (required then).' })
  overspendReason: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Int)
  version: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@InputType({ isAbstract: true })
export abstract class FundingFieldsInput {
  @Field({ description: 'A funding source code (fundingSources).' })
  @IsString()
  @Matches(/^[A-Z0-9_]{2,40}$/, { message: 'sourceCode must be a funding source code such as TRUST_FUND' })
  sourceCode: string;

  @Field(() => String, { nullable: true, description: 'Required for a source that requires a name (a trust fund).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sourceName?: string | null;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear: number;

  @Field({ description: 'ISO 4217 code, e.g. EUR.' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code of three capital letters, e.g. EUR' })
  currency: string;

  @Field({ description: 'Decimal text, at most two decimals, e.g. "12500.00".' })
  @Matches(AMOUNT_PATTERN, { message: 'committed must be an amount such as 12500 or 12500.00 (at most two decimals, no sign)' })
  committed: string;

  @Field(() => String, { nullable: true, defaultValue: '0' })
  @IsOptional()
  @Matches(AMOUNT_PATTERN, { message: 'spent must be an amount such as 9800 or 9800.50 (at most two decimals, no sign)' })
  spent?: string | null;

  @Field(() => String, { nullable: true, description: 'Required when spent exceeds committed: why.' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  overspendReason?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'A funding line on exactly one request or one offering.' })
export class AddFundingLineInput extends FundingFieldsInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'requestId must be a request id' })
  requestId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'offeringId must be an offering id' })
  offeringId?: string | null;
}

@InputType()
export class UpdateFundingLineInput extends FundingFieldsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a funding line id' })
  id: string;

  @Field(() => Int)
  @IsInt()
  expectedVersion: number;
}

@InputType({ description: 'Narrows the funding totals; every field is optional.' })
export class FundingTotalsFilter {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  partnerCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Offering kinds (OPEN_REQUEST for open requests).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  programmes?: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  yearFrom?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  yearTo?: number;
}

@ObjectType({ description: 'Money per partner, programme, fiscal year, source and currency (never summed across currencies).' })
export class FundingTotal {
  @Field(() => String, { nullable: true, description: "Null for an offering's own funding (not tied to one partner)." })
  partnerCode: string | null;

  @Field(() => String, { nullable: true })
  partnerName: string | null;

  @Field({ description: 'The offering kind (OPEN_REQUEST for open requests).' })
  programme: string;

  @Field(() => Int)
  fiscalYear: number;

  @Field()
  sourceCode: string;

  @Field()
  currency: string;

  @Field()
  committed: string;

  @Field()
  spent: string;

  @Field(() => Int)
  lines: number;
}

@ObjectType()
export class FundingTotalsExport {
  @Field({ description: 'Header row (partner_code,partner_name,programme,fiscal_year,source,currency,committed,spent,lines), then one row per total.' })
  csv: string;
}

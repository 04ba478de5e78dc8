import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

/**
 * Personnel security clearance, lowest to highest (NATO's classification levels; RESTRICTED needs no formal
 * clearance in most nations but courses still state it). The order is NATO security policy, not an
 * organisational list, so it is an enum here rather than editable data (README, "Nominees").
 */
export enum ClearanceLevel {
  NONE = 'NONE',
  NATO_RESTRICTED = 'NATO_RESTRICTED',
  NATO_CONFIDENTIAL = 'NATO_CONFIDENTIAL',
  NATO_SECRET = 'NATO_SECRET',
  COSMIC_TOP_SECRET = 'COSMIC_TOP_SECRET',
}
registerEnumType(ClearanceLevel, { name: 'ClearanceLevel', description: 'Personnel security clearance, lowest (NONE) to highest (COSMIC_TOP_SECRET).' });

export const CLEARANCE_ORDER: readonly ClearanceLevel[] = [
  ClearanceLevel.NONE,
  ClearanceLevel.NATO_RESTRICTED,
  ClearanceLevel.NATO_CONFIDENTIAL,
  ClearanceLevel.NATO_SECRET,
  ClearanceLevel.COSMIC_TOP_SECRET,
];

export const CLEARANCE_LABEL: Readonly<Record<ClearanceLevel, string>> = {
  [ClearanceLevel.NONE]: 'no clearance',
  [ClearanceLevel.NATO_RESTRICTED]: 'NATO RESTRICTED',
  [ClearanceLevel.NATO_CONFIDENTIAL]: 'NATO CONFIDENTIAL',
  [ClearanceLevel.NATO_SECRET]: 'NATO SECRET',
  [ClearanceLevel.COSMIC_TOP_SECRET]: 'COSMIC TOP SECRET',
};

/** A STANAG 6001 Standardized Language Profile in one language: listening, speaking, reading, writing (0–5). */
export interface LanguageProfileData {
  /** ISO 639-1 code, lower case (en, fr…). */
  language: string;
  /** Four digits 0–5 in the fixed order listening, speaking, reading, writing, e.g. 3232. */
  slp: string;
  /** Established by a STANAG 6001 test (not self-declared). */
  validated: boolean;
}

/** What a course asks of each nominee; every part optional. */
export interface NomineeRequirementData {
  minClearance: ClearanceLevel | null;
  /** Language of the required SLP; null when none is required. */
  language: string | null;
  /** Minimum SLP, four digits, when language is set. */
  minSlp: string | null;
}

export const SLP_PATTERN = /^[0-5]{4}$/;
export const LANGUAGE_PATTERN = /^[a-z]{2}$/;

@ObjectType({ description: 'What a course asks of each nominee. An iteration\'s requirement replaces its offering\'s.' })
export class NomineeRequirement {
  @Field(() => ClearanceLevel, { nullable: true })
  minClearance: ClearanceLevel | null;

  @Field(() => String, { nullable: true, description: 'Language of the required SLP (ISO 639-1).' })
  language: string | null;

  @Field(() => String, { nullable: true, description: 'Minimum SLP in that language, e.g. 3232: every skill at least its digit.' })
  minSlp: string | null;
}

@InputType({ description: 'Sets (or, with every requirement null, removes) the nominee requirement of an offering or of one iteration.' })
export class SetNomineeRequirementInput {
  @Field(() => ID, { nullable: true, description: 'The offering (its iterations without their own requirement follow it).' })
  @IsOptional()
  @IsUUID('all', { message: 'offeringId must be an offering id' })
  offeringId?: string | null;

  @Field(() => ID, { nullable: true, description: 'One iteration: replaces the offering\'s requirement for it.' })
  @IsOptional()
  @IsUUID('all', { message: 'iterationId must be an iteration id' })
  iterationId?: string | null;

  @Field(() => ClearanceLevel, { nullable: true })
  @IsOptional()
  @IsEnum(ClearanceLevel)
  minClearance?: ClearanceLevel | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Matches(LANGUAGE_PATTERN, { message: 'language must be a two-letter ISO 639-1 code in lower case, e.g. en' })
  language?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Matches(SLP_PATTERN, { message: 'minSlp must be four digits from 0 to 5 (listening, speaking, reading, writing), e.g. 3232' })
  minSlp?: string | null;
}


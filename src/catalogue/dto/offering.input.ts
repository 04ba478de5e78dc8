import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { DeliveryMode, OfferingKind } from '../catalogue.enums.js';

const CODE = /^[A-Z0-9][A-Z0-9-]{1,59}$/;
const CODE_MESSAGE = 'code must be 2 to 60 capital letters, digits or hyphens, e.g. NSO-CT-COURSE';
const LANGUAGES = ['en', 'fr', 'ar', 'ru', 'es', 'de', 'uk'];

/** Fields shared by creation and update; on update every one is optional and lists replace the current ones. */
@InputType({ isAbstract: true })
abstract class OfferingFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  subtype?: string | null;

  @Field(() => String, { nullable: true, description: 'At least one of titleEn and titleFr is required.' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  titleEn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  titleFr?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  summaryEn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  summaryFr?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 20000)
  descriptionEn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 20000)
  descriptionFr?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  areaCodes?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  topicCodes?: string[];

  @Field(() => String, { nullable: true, description: 'Who delivers it; defaults to the owning section.' })
  @IsOptional()
  @IsString()
  providerSectionCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @IsIn(LANGUAGES, { each: true, message: `each delivery language must be one of ${LANGUAGES.join(', ')}` })
  deliveryLanguages?: string[];

  @Field(() => [String], { nullable: true, description: 'With eligiblePartnerCodes empty too: every partner that is not suspended.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  eligibleFrameworkCodes?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  eligiblePartnerCodes?: string[];

  @Field(() => String, { nullable: true, description: 'Prerequisites in English.' })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  prerequisites?: string | null;

  @Field(() => String, { nullable: true, description: 'Prerequisites in French; required to publish when prerequisites has text.' })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  prerequisitesFr?: string | null;

  @Field(() => String, { nullable: true, description: 'Cost and funding notes in English.' })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  costNotes?: string | null;

  @Field(() => String, { nullable: true, description: 'Cost and funding notes in French; required to publish when costNotes has text.' })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  costNotesFr?: string | null;

  @Field(() => [String], { nullable: true, description: 'Codes of programmeFlags a partner must all carry to request it (e.g. DCB); empty: no programme restriction.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[A-Z][A-Z0-9_]{0,29}$/, { each: true, message: 'each programme flag must be a code such as DCB or DEEP' })
  requiredProgrammeFlags?: string[];

  @Field(() => [String], { nullable: true, description: 'With releasability RELEASABLE TO: the partners it is releasable to (codes).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  releasablePartnerCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'With releasability RELEASABLE TO: the frameworks whose partners it is releasable to (codes).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  releasableFrameworkCodes?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  eprimeReference?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  etocCode?: string | null;
}

@InputType({ description: 'A new offering; it starts as a DRAFT.' })
export class CreateOfferingInput extends OfferingFields {
  @Field()
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @Field(() => OfferingKind)
  @IsEnum(OfferingKind)
  kind: OfferingKind;

  @Field()
  @IsString()
  owningSectionCode: string;

  @Field(() => DeliveryMode)
  @IsEnum(DeliveryMode)
  deliveryMode: DeliveryMode;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(1000)
  leadTimeDays: number;

  @Field({ defaultValue: 'NATO UNCLASSIFIED', description: 'A code of releasabilityMarkings.' })
  @IsString()
  @Length(1, 60)
  releasability: string;
}

@InputType({ description: 'Changes to an offering; omitted fields keep their value. The code is stable and cannot change.' })
export class UpdateOfferingInput extends OfferingFields {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int, { description: 'The version you read; the update fails with CONFLICT when someone changed it since.' })
  @IsInt()
  version: number;

  @Field(() => OfferingKind, { nullable: true })
  @IsOptional()
  @IsEnum(OfferingKind)
  kind?: OfferingKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  owningSectionCode?: string;

  @Field(() => DeliveryMode, { nullable: true })
  @IsOptional()
  @IsEnum(DeliveryMode)
  deliveryMode?: DeliveryMode;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  leadTimeDays?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  releasability?: string;
}

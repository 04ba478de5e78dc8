import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CooperationRequest } from '../../requests/cooperation-request.entity.js';
import { LocalDate } from '../../catalogue/local-date.scalar.js';
import { MatchReason } from '../match-score.js';

export enum SupportProviderKind {
  ALLY = 'ALLY',
  COE = 'COE',
  SECTION = 'SECTION',
}
registerEnumType(SupportProviderKind, { name: 'SupportProviderKind', description: 'Who offers: an Ally (posted by a coordinator or an administrator), a Centre of Excellence, or a NATO section.' });

export enum SupportType {
  MOBILE_TRAINING_TEAM = 'MOBILE_TRAINING_TEAM',
  TRAINERS = 'TRAINERS',
  EXPERTISE = 'EXPERTISE',
}
registerEnumType(SupportType, { name: 'SupportType' });

export enum SupportOfferStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(SupportOfferStatus, { name: 'SupportOfferStatus' });
registerEnumType(MatchReason, { name: 'MatchReason', description: 'Why an offer and a request match: same AREA, shared TOPIC(s), a shared LANGUAGE, overlapping PERIOD.' });

@ObjectType({ description: 'A match a coordinator linked: an offer of support and a request. Both sides see it.' })
export class SupportMatch {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  offerId: string;

  @Field(() => ID)
  requestId: string;

  @Field({ description: 'The request\'s reference (its details only to those who reach the request).' })
  requestReference: string;

  @Field(() => Int)
  score: number;

  @Field(() => [MatchReason])
  reasons: MatchReason[];

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'An offer of support: a mobile training team, trainers or expertise, in an area and period.' })
export class SupportOffer {
  @Field(() => ID)
  id: string;

  @Field(() => SupportProviderKind)
  providerKind: SupportProviderKind;

  @Field({ description: 'The Ally, COE or section offering.' })
  providerName: string;

  sectionId: string | null;

  @Field(() => SupportType)
  supportType: SupportType;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  areaId: string;
  topicIds: string[];

  @Field(() => [String], { description: 'ISO 639-1 codes.' })
  languages: string[];

  @Field(() => LocalDate)
  availableFrom: string;

  @Field(() => LocalDate)
  availableTo: string;

  @Field(() => SupportOfferStatus)
  status: SupportOfferStatus;

  @Field(() => Int)
  version: number;

  @Field()
  createdAt: Date;
}

@InputType()
export class CreateSupportOfferInput {
  @Field(() => SupportProviderKind)
  @IsEnum(SupportProviderKind)
  providerKind: SupportProviderKind;

  @Field({ description: 'The Ally, COE or section offering, as it should be shown.' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  providerName: string;

  @Field(() => SupportType)
  @IsEnum(SupportType)
  supportType: SupportType;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field({ description: 'Area of cooperation code.' })
  @IsString()
  @MaxLength(64)
  areaCode: string;

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  topicCodes: string[];

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z]{2}$/, { each: true, message: 'languages must be two-letter ISO 639-1 codes in lower case, e.g. en' })
  languages: string[];

  @Field(() => LocalDate)
  @IsString()
  availableFrom: string;

  @Field(() => LocalDate)
  @IsString()
  availableTo: string;
}

@ObjectType({ description: 'An offer ranked for a request: its score and the reasons.' })
export class OfferCandidate {
  @Field(() => SupportOffer)
  offer: SupportOffer;

  @Field(() => Int)
  score: number;

  @Field(() => [MatchReason])
  reasons: MatchReason[];

  @Field({ description: 'Already linked to this request.' })
  linked: boolean;
}

@ObjectType({ description: 'A request ranked for an offer: its score and the reasons.' })
export class RequestCandidate {
  @Field(() => CooperationRequest)
  request: CooperationRequest;

  @Field(() => Int)
  score: number;

  @Field(() => [MatchReason])
  reasons: MatchReason[];
}

@InputType()
export class LinkSupportMatchInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'offerId must be an offer id' })
  offerId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a request id' })
  requestId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

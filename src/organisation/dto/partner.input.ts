import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsString, Length, Matches } from 'class-validator';
import { PartnerKind } from '../organisation.enums.js';

const CODE = /^[A-Z][A-Z0-9_]{1,19}$/;

@InputType({ description: 'A partner to create, or to update when its code exists.' })
export class PartnerInput {
  @Field({ description: 'ISO 3166-1 alpha-3 for nations, a short code for organisations.' })
  @Matches(CODE, { message: 'code must be 2 to 20 capital letters, digits or underscores, starting with a letter' })
  code: string;

  @Field(() => PartnerKind)
  @IsEnum(PartnerKind)
  kind: PartnerKind;

  @Field()
  @IsString()
  @Length(1, 200)
  nameEn: string;

  @Field()
  @IsString()
  @Length(1, 200)
  nameFr: string;

  @Field(() => [String], { description: 'Codes of the frameworks it belongs to (replaces the current list).' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  frameworkCodes: string[];

  @Field(() => [String])
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(CODE, { each: true, message: 'each programme flag must be a code such as DCB or DEEP' })
  programmeFlags: string[];

  @Field()
  @IsBoolean()
  suspended: boolean;
}

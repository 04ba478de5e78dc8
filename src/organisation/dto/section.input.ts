import { Field, InputType, Int } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsInt, IsOptional, IsString, IsTimeZone, Length, Matches, Max, Min } from 'class-validator';
import { SectionKind } from '../organisation.enums.js';

@InputType({ description: 'A section to create, or to update when its code exists.' })
export class SectionInput {
  @Field()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'code must be 2 to 40 capital letters, digits or underscores, starting with a letter' })
  code: string;

  @Field()
  @IsString()
  @Length(1, 300)
  nameEn: string;

  @Field()
  @IsString()
  @Length(1, 300)
  nameFr: string;

  @Field(() => SectionKind)
  @IsEnum(SectionKind)
  kind: SectionKind;

  @Field(() => String, { nullable: true, description: 'Code of the parent section; null for a root.' })
  @IsOptional()
  @IsString()
  parentCode?: string | null;

  @Field()
  @IsEmail()
  mailbox: string;

  @Field({ description: 'IANA time zone, e.g. Europe/Brussels.' })
  @IsTimeZone()
  timeZone: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(365)
  acknowledgeTargetDays: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(365)
  decideTargetDays: number;
}

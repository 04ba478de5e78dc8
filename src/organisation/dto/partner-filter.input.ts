import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString } from 'class-validator';
import { PartnerKind } from '../organisation.enums.js';

@InputType({ description: 'Narrows the partner list; every given condition must hold.' })
export class PartnerFilter {
  @Field(() => [String], { nullable: true, description: 'Partners in any of these frameworks.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  frameworkCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Partners served by any of these programmes, e.g. DCB.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  programmeFlags?: string[];

  @Field(() => [PartnerKind], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(PartnerKind, { each: true })
  kinds?: PartnerKind[];

  @Field({ nullable: true, description: 'true: only suspended partners; false: only active ones.' })
  @IsOptional()
  @IsBoolean()
  suspended?: boolean;
}

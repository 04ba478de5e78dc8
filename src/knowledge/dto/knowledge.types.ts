import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { OfferingKind } from '../../catalogue/catalogue.enums.js';
import { LocalisedField } from '../../common/i18n/localised-field.js';

export enum KnowledgeCategory {
  ELIGIBILITY = 'ELIGIBILITY',
  HOW_TO_APPLY = 'HOW_TO_APPLY',
  PROGRAMME_RULES = 'PROGRAMME_RULES',
  GENERAL = 'GENERAL',
}
registerEnumType(KnowledgeCategory, { name: 'KnowledgeCategory' });

@ObjectType({ description: 'A bilingual help article (eligibility, how to apply, programme rules), tagged with areas and offering kinds.' })
export class KnowledgeArticle {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Stable address, e.g. how-to-apply-for-a-course.' })
  slug: string;

  @Field(() => KnowledgeCategory)
  category: KnowledgeCategory;

  @LocalisedField('titleEn', 'titleFr', { description: 'The title in the content language.' })
  title?: string;

  @LocalisedField('bodyEn', 'bodyFr', { description: 'The text in the content language (plain text, paragraphs separated by blank lines).' })
  body?: string;

  @Field()
  titleEn: string;

  @Field()
  titleFr: string;

  @Field()
  bodyEn: string;

  @Field()
  bodyFr: string;

  @Field(() => [String], { description: 'Areas of cooperation it is about (codes).' })
  areaCodes: string[];

  @Field(() => [OfferingKind], { description: 'Offering kinds it is about.' })
  offeringKinds: OfferingKind[];

  @Field()
  published: boolean;

  @Field(() => Int)
  version: number;

  @Field()
  updatedAt: Date;
}

@InputType({ description: 'Creates an article, or with id (and expectedVersion) updates it.' })
export class SaveKnowledgeArticleInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'id must be an article id' })
  id?: string | null;

  @Field(() => Int, { nullable: true, description: 'Required with id.' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by hyphens, e.g. how-to-apply' })
  @MaxLength(100)
  slug: string;

  @Field(() => KnowledgeCategory)
  @IsEnum(KnowledgeCategory)
  category: KnowledgeCategory;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  titleEn: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  titleFr: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  bodyEn: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  bodyFr: string;

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  areaCodes: string[];

  @Field(() => [OfferingKind], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(OfferingKind, { each: true })
  offeringKinds: OfferingKind[];

  @Field({ defaultValue: true })
  @IsBoolean()
  published: boolean;
}

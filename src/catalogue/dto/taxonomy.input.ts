import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
const CODE_MESSAGE = 'code must be 2 to 40 capital letters, digits or underscores, starting with a letter';

@InputType({ description: 'An area of cooperation to create, or to update when its code exists.' })
export class CooperationAreaInput {
  @Field()
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1000)
  position: number;

  @Field()
  @IsString()
  @Length(1, 300)
  nameEn: string;

  @Field()
  @IsString()
  @Length(1, 300)
  nameFr: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  descriptionEn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  descriptionFr?: string | null;
}

@InputType({ description: 'A topic to create, or to update when its code exists.' })
export class TopicInput {
  @Field()
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @Field()
  @IsString()
  @Length(1, 300)
  nameEn: string;

  @Field()
  @IsString()
  @Length(1, 300)
  nameFr: string;
}

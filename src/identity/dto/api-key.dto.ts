import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalPartnerCode, OptionalSectionCode } from '../../common/graphql/code-fields.js';
import { ApiKeyScope } from '../../common/auth/role.js';
import { ApiKey } from '../api-key.entity.js';

@InputType({ description: 'A new key: PARTNER keys name a partner, SECTION keys a section, CATALOGUE keys neither.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "Georgia training database".' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => ApiKeyScope)
  @IsEnum(ApiKeyScope)
  scope: ApiKeyScope;

  @OptionalPartnerCode()
  partnerCode?: string | null;

  @OptionalSectionCode()
  sectionCode?: string | null;

  @Field(() => Date, { nullable: true, description: 'After this instant the key stops working. Without one it works until revoked.' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;

  // Nullable with a default (as seatsRequested): the jit-compiled variable coercion refuses an omitted Boolean!.
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: "Lets a PARTNER or SECTION key read participants' personal data (names, emails, clearances) of the requests in its reach. Without it the key sees participantCount only.",
  })
  @IsOptional()
  @IsBoolean()
  personalData?: boolean | null;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field({ description: 'The key itself. Shown this once and never again: store it in the integration now.' })
  secret: string;
}

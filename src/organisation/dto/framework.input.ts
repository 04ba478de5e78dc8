import { Field, InputType } from '@nestjs/graphql';
import { IsString, Length, Matches } from 'class-validator';

@InputType({ description: 'A partnership framework to create, or to update when its code exists.' })
export class PartnershipFrameworkInput {
  @Field({ description: 'Stable short code, e.g. EAPC_PFP, MD, ICI, PAG, IO.' })
  @Matches(/^[A-Z][A-Z0-9_]{1,19}$/, { message: 'code must be 2 to 20 capital letters, digits or underscores, starting with a letter' })
  code: string;

  @Field()
  @IsString()
  @Length(1, 200)
  nameEn: string;

  @Field()
  @IsString()
  @Length(1, 200)
  nameFr: string;
}

import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEmail, IsEnum, IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../common/auth/role.js';
import { User } from '../user.entity.js';

const CODE = /^[A-Z0-9_]+$/;

@InputType({
  description:
    'A new account. Liaison officers need partnerCode, section staff sectionCodes, coordinators coveredPartnerCodes; administrators none. ' +
    'Without a password the payload carries a one-time token the person uses to set one.',
})
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field(() => String, { nullable: true, description: 'The partner a liaison officer represents, e.g. GEO.' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  @Matches(CODE, { message: 'partnerCode must be a partner code such as GEO' })
  partnerCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Sections a staff member works in, e.g. ["CTS"].' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CODE, { each: true, message: 'sectionCodes must be section codes such as CTS' })
  sectionCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Partners a coordinator covers, e.g. ["GEO", "MDA"].' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(CODE, { each: true, message: 'coveredPartnerCodes must be partner codes such as GEO' })
  coveredPartnerCodes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'At least 12 characters and not a common password.' })
  @IsOptional()
  @IsString()
  password?: string | null;
}

@InputType({ description: 'Changes to an account; omitted fields stay as they are. The result must be consistent with the role.' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string | null;

  @Field(() => Role, { nullable: true })
  @IsOptional()
  @IsEnum(Role)
  role?: Role | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  @Matches(CODE, { message: 'partnerCode must be a partner code such as GEO' })
  partnerCode?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CODE, { each: true, message: 'sectionCodes must be section codes such as CTS' })
  sectionCodes?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(CODE, { each: true, message: 'coveredPartnerCodes must be partner codes such as GEO' })
  coveredPartnerCodes?: string[] | null;
}

@ObjectType()
export class UserAccountPayload {
  @Field(() => User)
  user: User;

  @Field(() => String, {
    nullable: true,
    description: 'One-time token for setPassword. Its link is mailed to the person; the token itself is returned only when no mail relay is configured (SMTP_URL unset), for the administrator to pass on, and shown only here.',
  })
  setPasswordToken: string | null;

  @Field(() => Date, { nullable: true })
  setPasswordTokenExpiresAt: Date | null;
}

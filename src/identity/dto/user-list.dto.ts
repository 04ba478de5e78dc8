import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { Role } from '../../common/auth/role.js';
import { Connection } from '../../common/pagination/connection.js';
import { User } from '../user.entity.js';

@InputType({ description: 'Narrows the list of accounts; all given conditions apply.' })
export class UserFilter {
  @Field(() => Role, { nullable: true })
  @IsOptional()
  @IsEnum(Role)
  role?: Role | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the email address or display name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string | null;
}

@ObjectType()
export class UserConnection extends Connection(User) {}

import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

const CODE = /^[A-Z0-9_]+$/;

/** An optional partner code argument (GEO, UN): the GraphQL field and its checks, with a message naming the field. */
export function OptionalPartnerCode(description?: string): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { nullable: true, description }),
    IsOptional(),
    IsString(),
    Length(1, 20),
    Matches(CODE, { message: 'partnerCode must be a partner code such as GEO' }),
  );
}

/** An optional section code argument (CTS): as OptionalPartnerCode. */
export function OptionalSectionCode(description?: string): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { nullable: true, description }),
    IsOptional(),
    IsString(),
    Length(1, 40),
    Matches(CODE, { message: 'sectionCode must be a section code such as CTS' }),
  );
}

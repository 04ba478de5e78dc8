import { Args, Field, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { SecondFactorService } from './second-factor.service.js';

@ObjectType({ description: 'A second factor being set up: scan the QR code (or type the secret) in an authenticator app, then confirm with a code.' })
export class SecondFactorEnrolment {
  @Field({ description: 'The base32 secret, for apps that cannot scan.' })
  secret: string;

  @Field({ description: 'The otpauth:// URI the QR code holds.' })
  otpauthUri: string;

  @Field({ description: 'The QR code as a PNG data: URL.' })
  qrCodeDataUrl: string;
}

@ObjectType({ description: 'The recovery codes of a confirmed second factor: each works once in place of a code. Shown only this once.' })
export class SecondFactorRecoveryCodes {
  @Field(() => [String])
  recoveryCodes: string[];
}

@Resolver()
export class SecondFactorResolver {
  constructor(private readonly secondFactor: SecondFactorService) {}

  @Allow(Permission.Authenticated)
  @Mutation(() => SecondFactorEnrolment, { description: 'Starts setting up a second factor (TOTP) for the signed-in user; confirm it with confirmSecondFactorEnrolment.' })
  startSecondFactorEnrolment(@Ctx() ctx: RequestContext): Promise<SecondFactorEnrolment> {
    return this.secondFactor.startEnrolment(ctx);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => SecondFactorRecoveryCodes, { description: 'Confirms the second factor with a first code from the app. From then on, sign-in needs a code. Wrong codes are limited per user.' })
  async confirmSecondFactorEnrolment(@Ctx() ctx: RequestContext, @Args('code') code: string): Promise<SecondFactorRecoveryCodes> {
    return { recoveryCodes: await this.secondFactor.confirmEnrolment(ctx, code) };
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => Boolean, { description: 'Turns the second factor off with a current code or a recovery code. Not for administrators, who must keep one.' })
  disableSecondFactor(@Ctx() ctx: RequestContext, @Args('code') code: string): Promise<boolean> {
    return this.secondFactor.disable(ctx, code);
  }
}

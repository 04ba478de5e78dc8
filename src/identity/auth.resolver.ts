import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../common/auth/allow.decorator.js';
import { AuthHttp, Http } from '../common/auth/auth-http.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { Partner } from '../organisation/partner.entity.js';
import { Section } from '../organisation/section.entity.js';
import { AuthPayload, SignInOptions, Viewer } from './dto/viewer.type.js';
import { OidcService } from './oidc.service.js';
import { LoginService } from './login.service.js';
import { PasswordTokenService } from './password-token.service.js';
import { ViewerService } from './viewer.service.js';

@Resolver(() => Viewer)
export class AuthResolver {
  constructor(
    private readonly organisation: OrganisationLoaders,
    private readonly logins: LoginService,
    private readonly passwordTokens: PasswordTokenService,
    private readonly viewers: ViewerService,
    private readonly oidc: OidcService,
  ) {}

  @Public()
  @Query(() => SignInOptions, { description: 'How people may sign in here: with a password always, with their organisation account when single sign-on is configured.' })
  signInOptions(): SignInOptions {
    return { password: true, organisation: this.oidc.enabled, organisationSignInPath: this.oidc.enabled ? '/auth/oidc/login' : null };
  }

  @Allow(Permission.Authenticated)
  @Query(() => Viewer, { nullable: true, description: 'The caller (a user or an API key) with its role or scope and permissions.' })
  me(@Ctx() ctx: RequestContext): Promise<Viewer> {
    return this.viewers.of(ctx);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => Viewer, { description: 'Sets the language of your mail (en or fr): notices, digests and account mail.' })
  setMyLanguage(@Ctx() ctx: RequestContext, @Args('language') language: string): Promise<Viewer> {
    return this.viewers.setLanguage(ctx, language);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Signs in (with oneTimeCode when the account has a second factor). Returns a 15-minute access token and sets the refresh token as an HttpOnly cookie. Failed attempts are throttled per account and per address.',
  })
  login(
    @Ctx() ctx: RequestContext,
    @Http() http: AuthHttp,
    @Args('email') email: string,
    @Args('password') password: string,
    @Args('oneTimeCode', { type: () => String, nullable: true, description: 'With a second factor: the 6-digit code of the authenticator app, or a recovery code. Without it such an account is answered UNAUTHENTICATED with extensions.secondFactorRequired.' })
    oneTimeCode?: string | null,
  ): Promise<AuthPayload> {
    return this.logins.login(ctx, http, email, password, oneTimeCode);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Exchanges the refresh cookie for a new access token and a new refresh cookie.' })
  refreshSession(@Ctx() ctx: RequestContext, @Http() http: AuthHttp): Promise<AuthPayload> {
    return this.logins.refresh(ctx, http);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ends the session of the refresh cookie: its access tokens stop working at once.' })
  logout(@Ctx() ctx: RequestContext, @Http() http: AuthHttp): Promise<boolean> {
    return this.logins.logout(ctx, http);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Forgot password: mails a one-time link to set a new password when the address belongs to an active account. The answer is the same for every address (true); requests are limited per client address and, silently, per account.',
  })
  requestPasswordReset(@Ctx() ctx: RequestContext, @Args('email') email: string): Promise<boolean> {
    return this.passwordTokens.requestReset(ctx, email);
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Sets a password with a one-time token from createUser or resetUserPassword: at least 12 characters, not a common password. Ends every session of the account.',
  })
  setPassword(@Ctx() ctx: RequestContext, @Args('token') token: string, @Args('password') password: string): Promise<boolean> {
    return this.passwordTokens.setPassword(ctx, token, password);
  }

  @ResolveField(() => Partner, { nullable: true, description: 'The partner a liaison officer or a PARTNER key acts for.' })
  async partner(@Ctx() ctx: RequestContext, @Parent() viewer: Viewer): Promise<Partner | null> {
    return viewer.partnerId ? this.organisation.partnerById(ctx).load(viewer.partnerId) : null;
  }

  @ResolveField(() => [Section], { description: 'Sections of a staff member or a SECTION key.' })
  async sections(@Ctx() ctx: RequestContext, @Parent() viewer: Viewer): Promise<Section[]> {
    const rows = await this.organisation.sectionById(ctx).loadMany([...viewer.sectionIds]);
    return rows.filter((s): s is Section => s instanceof Section).sort((x, y) => x.code.localeCompare(y.code));
  }

  @ResolveField(() => [Partner], { description: 'Partners a coordinator covers.' })
  async coveredPartners(@Ctx() ctx: RequestContext, @Parent() viewer: Viewer): Promise<Partner[]> {
    const rows = await this.organisation.partnerById(ctx).loadMany([...viewer.coveredPartnerIds]);
    return rows.filter((p): p is Partner => p instanceof Partner).sort((x, y) => x.code.localeCompare(y.code));
  }
}

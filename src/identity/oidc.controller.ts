import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthHttp } from '../common/auth/auth-http.js';
import { RequestContext } from '../common/context/request-context.js';
import { AppConfig } from '../config/app-config.js';
import { OidcService, SsoRefusal } from './oidc.service.js';

export const OIDC_STATE_COOKIE = 'pcp_oidc';
const COOKIE_PATH = '/auth/oidc';

/**
 * The two browser legs of single sign-on. `GET /auth/oidc/login` sends the browser to the provider with a sealed,
 * HttpOnly state cookie (SameSite=Lax: the provider's redirect back is a cross-site top-level navigation);
 * `GET /auth/oidc/callback` completes the sign-in, sets the usual refresh cookie and sends the browser to the web
 * app, which exchanges that cookie for an access token like after any reload. A refusal sends the browser to the
 * sign-in page with `?sso=<reason>`, which the web app shows as a message; nothing from the URL is displayed.
 */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly config: AppConfig,
  ) {}

  @Get('login')
  async login(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = new RequestContext(request.id, 'en', request.ip);
    try {
      const { redirect, cookie } = await this.oidc.begin(ctx);
      reply.setCookie(OIDC_STATE_COOKIE, cookie, { httpOnly: true, sameSite: 'lax', secure: !this.config.isDevelopment, path: COOKIE_PATH, maxAge: 600 });
      await reply.redirect(redirect, 302);
    } catch (error) {
      await this.refuse(ctx, reply, error);
    }
  }

  @Get('callback')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = new RequestContext(request.id, 'en', request.ip);
    const cookie = request.cookies?.[OIDC_STATE_COOKIE];
    // One use: the state leaves the browser whatever happens next.
    reply.clearCookie(OIDC_STATE_COOKIE, { httpOnly: true, sameSite: 'lax', secure: !this.config.isDevelopment, path: COOKIE_PATH });
    try {
      const http = new AuthHttp(request, reply, !this.config.isDevelopment);
      const { session } = await this.oidc.complete(ctx, request.url, cookie, http.userAgent);
      http.setRefreshToken(session.refreshToken, session.expiresAt);
      await reply.redirect(`${this.config.publicUrl}/`, 302);
    } catch (error) {
      await this.refuse(ctx, reply, error);
    }
  }

  private async refuse(ctx: RequestContext, reply: FastifyReply, error: unknown): Promise<void> {
    if (!(error instanceof SsoRefusal)) throw error;
    await this.oidc.recordFailure(ctx, error);
    await reply.redirect(`${this.config.publicUrl}/sign-in?sso=${error.reason}`, 302);
  }
}

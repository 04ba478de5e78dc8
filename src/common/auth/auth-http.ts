import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type {} from '@fastify/cookie'; // its augmentation of FastifyRequest/FastifyReply
import type { FastifyReply, FastifyRequest } from 'fastify';

export const REFRESH_COOKIE = 'pcp_refresh';

/**
 * The one piece of raw HTTP that resolvers may touch: the refresh-token cookie (HttpOnly, SameSite=Strict,
 * Secure outside development, sent only to /graphql) and the user agent recorded with a session.
 */
export class AuthHttp {
  constructor(
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
    private readonly secure: boolean,
    private readonly path = '/graphql',
  ) {}

  get userAgent(): string | undefined {
    const ua = this.request.headers['user-agent'];
    return typeof ua === 'string' ? ua.slice(0, 512) : undefined;
  }

  readRefreshToken(): string | undefined {
    const value = this.request.cookies?.[REFRESH_COOKIE];
    return value && value.length <= 256 ? value : undefined;
  }

  setRefreshToken(token: string, expires: Date): void {
    this.reply.setCookie(REFRESH_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: this.path, expires });
  }

  clearRefreshToken(): void {
    this.reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: this.path });
  }
}

/** Injects the AuthHttp of the current GraphQL request into a resolver method. */
export const Http = createParamDecorator((_data: unknown, execution: ExecutionContext): AuthHttp => {
  return GqlExecutionContext.create(execution).getContext<{ http: AuthHttp }>().http;
});

import { Args, Field, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { SessionService } from './session.service.js';

@ObjectType({ description: 'One of your signed-in sessions (a browser or device).' })
export class ActiveSession {
  @Field(() => ID)
  id: string;

  @Field({ description: 'When you signed in.' })
  createdAt: Date;

  @Field({ description: 'Sign-in or the last refresh of its access token (at most 15 minutes behind the last request).' })
  lastUsedAt: Date;

  @Field({ description: 'When it ends at the latest.' })
  expiresAt: Date;

  @Field(() => String, { nullable: true, description: 'The address it was last used from.' })
  ip: string | null;

  @Field(() => String, { nullable: true, description: 'The browser’s user agent.' })
  userAgent: string | null;

  @Field({ description: 'A short description of the browser and system, e.g. "Firefox on Windows".' })
  device: string;

  @Field({ description: 'password or oidc (your organisation account).' })
  method: string;

  @Field({ description: 'The session of this request.' })
  current: boolean;
}

const BROWSERS: [RegExp, string][] = [[/Edg\//, 'Edge'], [/OPR\//, 'Opera'], [/Firefox\//, 'Firefox'], [/Chrome\//, 'Chrome'], [/Safari\//, 'Safari'], [/curl\//, 'curl']];
const SYSTEMS: [RegExp, string][] = [[/Windows/, 'Windows'], [/Android/, 'Android'], [/iPhone|iPad/, 'iOS'], [/Mac OS X|Macintosh/, 'macOS'], [/Linux/, 'Linux']];

/** "Firefox on Windows" from a user agent; "Unknown device" when it says nothing recognisable. */
export function deviceOf(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? 'Unknown device';
}

@Resolver(() => ActiveSession)
export class SessionResolver {
  constructor(private readonly sessions: SessionService) {}

  @Allow(Permission.Authenticated)
  @Query(() => [ActiveSession], { description: 'Your open sessions, most recently used first (at most 50). People only, not API keys.' })
  async mySessions(@Ctx() ctx: RequestContext): Promise<ActiveSession[]> {
    return (await this.sessions.listOwn(ctx)).map((s) => ({ ...s, device: deviceOf(s.userAgent) }));
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => Boolean, { description: 'Ends one of your sessions (this one too): its tokens stop working at once.' })
  endSession(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.sessions.endOwn(ctx, id);
  }
}

import { Args, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { Connection } from '../common/pagination/connection.js';
import { Notification } from './notification.entity.js';
import { NotificationService } from './notification.service.js';
import { MailPreferences, NoticePreference } from './mail-preferences.js';
import { MailDelivery } from './notice-kinds.js';

@ObjectType({ description: 'Your in-app notices, newest first.' })
export class NotificationConnection extends Connection(Notification) {
  @Field(() => Int, { description: 'Unread notices, over all pages.' })
  unreadCount: number;
}

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    private readonly service: NotificationService,
    private readonly preferences: MailPreferences,
  ) {}

  @Allow(Permission.Authenticated)
  @Query(() => NotificationConnection, { description: 'Your in-app notifications, newest first (empty for API keys).' })
  notifications(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false }) unreadOnly?: boolean,
  ): Promise<NotificationConnection> {
    return this.service.list(ctx, first, after, unreadOnly ?? false) as Promise<NotificationConnection>;
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => Int, { description: 'Marks your notices about a request read; the request page calls it when opened. Returns how many changed.' })
  markRequestNoticesRead(@Ctx() ctx: RequestContext, @Args('requestId', { type: () => ID }) requestId: string): Promise<number> {
    return this.service.markReadForRequest(ctx, requestId);
  }

  @Allow(Permission.Authenticated)
  @Query(() => [NoticePreference], { description: 'How each kind of notice reaches you by mail: IMMEDIATE (default), DAILY_DIGEST or OFF.' })
  mailPreferences(@Ctx() ctx: RequestContext): Promise<NoticePreference[]> {
    return this.preferences.list(ctx);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => [NoticePreference], { description: 'Sets how one kind of notice reaches you by mail. Returns every preference.' })
  setMailPreference(
    @Ctx() ctx: RequestContext,
    @Args('kind') kind: string,
    @Args('delivery', { type: () => MailDelivery }) delivery: MailDelivery,
  ): Promise<NoticePreference[]> {
    return this.preferences.set(ctx, kind, delivery);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => Int, { description: 'Marks your notifications read: the given ids, or all when ids is omitted. Returns how many changed.' })
  markNotificationsRead(@Ctx() ctx: RequestContext, @Args('ids', { type: () => [ID], nullable: true }) ids?: string[]): Promise<number> {
    return this.service.markRead(ctx, ids);
  }
}

import { Args, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { Connection } from '../common/pagination/connection.js';
import { Notification } from './notification.entity.js';
import { NotificationService } from './notification.service.js';

@ObjectType({ description: 'Your in-app notices, newest first.' })
export class NotificationConnection extends Connection(Notification) {
  @Field(() => Int, { description: 'Unread notices, over all pages.' })
  unreadCount: number;
}

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

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
  @Mutation(() => Int, { description: 'Marks your notifications read: the given ids, or all when ids is omitted. Returns how many changed.' })
  markNotificationsRead(@Ctx() ctx: RequestContext, @Args('ids', { type: () => [ID], nullable: true }) ids?: string[]): Promise<number> {
    return this.service.markRead(ctx, ids);
  }
}

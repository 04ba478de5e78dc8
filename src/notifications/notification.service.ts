import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toConnection, type ConnectionShape } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import type { Notification } from './notification.entity.js';
import { NotificationRepository } from './notification.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signed-in user's own in-app notices; API keys have none. */
@Injectable()
export class NotificationService {
  constructor(private readonly notifications: NotificationRepository) {}

  private recipient(ctx: RequestContext): string | null {
    return ctx.actor?.kind === 'user' ? ctx.actor.id : null;
  }

  async list(ctx: RequestContext, first: number | null | undefined, after: string | null | undefined, unreadOnly: boolean): Promise<ConnectionShape<Notification> & { totalCount: number; unreadCount: number }> {
    const limit = pageSize(first);
    const cursor = after ? decodeCursor(after, 'notification', 2, 'after', ([at, id]) => UUID.test(String(id)) && !Number.isNaN(Date.parse(String(at)))) : null;
    const me = this.recipient(ctx);
    if (!me) return { ...toConnection([], limit, after, () => ''), totalCount: 0, unreadCount: 0 };
    const rows = await this.notifications.page(ctx, me, { unreadOnly, after: cursor ? { at: String(cursor[0]), id: String(cursor[1]) } : undefined }, limit + 1);
    const totals = await this.notifications.counts(ctx, me, unreadOnly);
    return {
      ...toConnection(rows, limit, after, (n) => encodeCursor('notification', [n.createdAt.toISOString(), n.id])),
      totalCount: totals.total,
      unreadCount: totals.unread,
    };
  }

  /**
   * Marks the caller's notices about a request read: the request page calls it when opened. Only the caller's own
   * notices change, so no access check is needed beyond that (an id out of reach matches none).
   */
  async markReadForRequest(ctx: RequestContext, requestId: string): Promise<number> {
    const me = this.recipient(ctx);
    if (!me) return 0;
    if (!UUID.test(requestId)) throw DomainError.badInput('requestId must be a request id.', 'requestId');
    return this.notifications.markReadForRequest(ctx, me, requestId);
  }

  /** Marks the given notices (or all, when `ids` is absent) read; returns how many changed. */
  async markRead(ctx: RequestContext, ids: string[] | null | undefined): Promise<number> {
    const me = this.recipient(ctx);
    if (!me) return 0;
    if (ids && ids.some((id) => !UUID.test(id))) throw DomainError.badInput('ids must be notification ids.', 'ids');
    return this.notifications.markRead(ctx, me, ids ?? null);
  }
}

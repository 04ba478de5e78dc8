import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toConnection, type ConnectionShape } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import { Notification } from './notification.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signed-in user's own in-app notices; API keys have none. */
@Injectable()
export class NotificationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private recipient(ctx: RequestContext): string | null {
    return ctx.actor?.kind === 'user' ? ctx.actor.id : null;
  }

  async list(ctx: RequestContext, first: number | null | undefined, after: string | null | undefined, unreadOnly: boolean): Promise<ConnectionShape<Notification> & { totalCount: number; unreadCount: number }> {
    const limit = pageSize(first);
    const cursor = after ? decodeCursor(after, 'notification', 2, 'after', ([at, id]) => UUID.test(String(id)) && !Number.isNaN(Date.parse(String(at)))) : null;
    const me = this.recipient(ctx);
    if (!me) return { ...toConnection([], limit, after, () => ''), totalCount: 0, unreadCount: 0 };
    const qb = this.dataSource.getRepository(Notification).createQueryBuilder('n').where('n.recipient_id = :me', { me });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    const counts = qb.clone().select('count(*)::int', 'total').addSelect('count(*) FILTER (WHERE n.read_at IS NULL)::int', 'unread');
    if (cursor) qb.andWhere('(n.created_at < CAST(:at AS timestamptz) OR (n.created_at = CAST(:at AS timestamptz) AND n.id > CAST(:id AS uuid)))', { at: cursor[0], id: cursor[1] });
    const rows = await qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'ASC').limit(limit + 1).getMany();
    const totals = (await counts.getRawOne<{ total: number; unread: number }>())!;
    return {
      ...toConnection(rows, limit, after, (n) => encodeCursor('notification', [n.createdAt.toISOString(), n.id])),
      totalCount: totals.total,
      unreadCount: totals.unread,
    };
  }

  /** Marks the given notices (or all, when `ids` is absent) read; returns how many changed. */
  async markRead(ctx: RequestContext, ids: string[] | null | undefined): Promise<number> {
    const me = this.recipient(ctx);
    if (!me) return 0;
    if (ids && ids.some((id) => !UUID.test(id))) throw DomainError.badInput('ids must be notification ids.', 'ids');
    const [, changed] = (await this.dataSource.query(
      `UPDATE notification SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [me, ids ?? null],
    )) as [unknown, number];
    return changed;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { keysetAfter } from '../common/pagination/keyset.js';
import { pageSize } from '../common/pagination/page-size.js';
import type { UserConnection, UserFilter } from './dto/user-list.dto.js';
import { User } from './user.entity.js';

const CURSOR_TAG = 'users:email';

/** The administrators' list of accounts, ordered by email, keyset-paged. */
@Injectable()
export class UserListService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(_ctx: RequestContext, filter: UserFilter, first: number | null | undefined, after: string | null | undefined): Promise<UserConnection> {
    const limit = pageSize(first);
    const q = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (filter.role) q.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined && filter.active !== null) q.andWhere('u.active = :active', { active: filter.active });
    if (filter.search?.trim()) {
      const like = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.andWhere('(u.email ILIKE :like OR u.display_name ILIKE :like)', { like });
    }
    const total = await q.clone().getCount();
    if (after) {
      const [email, id] = decodeCursor(after, CURSOR_TAG, 2, 'after', (v) => typeof v[0] === 'string' && isUUID(v[1]));
      q.andWhere(keysetAfter('u.email', 'ASC', 'u.id', ':afterEmail::citext', ':afterId::uuid'), { afterEmail: email, afterId: id });
    }
    const rows = await q.orderBy('u.email', 'ASC').addOrderBy('u.id', 'ASC').take(limit + 1).getMany();
    return { ...toConnection(rows, limit, after, (u) => encodeCursor(CURSOR_TAG, [u.email, u.id])), totalCount: total };
  }
}

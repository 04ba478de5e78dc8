import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { RequestContext } from '../common/context/request-context.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import type { UserConnection, UserFilter } from './dto/user-list.dto.js';
import { UserRepository } from './user.repository.js';

const CURSOR_TAG = 'users:email';

/** The administrators' list of accounts, ordered by email, keyset-paged. */
@Injectable()
export class UserListService {
  constructor(private readonly users: UserRepository) {}

  async list(ctx: RequestContext, filter: UserFilter, first: number | null | undefined, after: string | null | undefined): Promise<UserConnection> {
    const limit = pageSize(first);
    const position = after ? decodeCursor(after, CURSOR_TAG, 2, 'after', (v) => typeof v[0] === 'string' && isUUID(v[1])) : undefined;
    const { rows, total } = await this.users.page(
      ctx,
      {
        role: filter.role ?? undefined,
        active: filter.active ?? undefined,
        search: filter.search?.trim() || undefined,
        after: position ? { email: position[0] as string, id: position[1] as string } : undefined,
      },
      limit + 1,
    );
    return { ...toConnection(rows, limit, after, (u) => encodeCursor(CURSOR_TAG, [u.email, u.id])), totalCount: total };
  }
}

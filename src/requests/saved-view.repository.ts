import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { SavedView } from './saved-view.types.js';

interface SavedViewRow {
  id: string;
  name: string;
  filter: unknown;
  created_at: Date;
}

const toView = (r: SavedViewRow): SavedView => ({ id: r.id, name: r.name, filter: JSON.stringify(r.filter), createdAt: r.created_at });

/** A person's saved queue views (saved_view): every statement names the owner, so one never reaches another's. */
@Injectable()
export class SavedViewRepository {
  constructor(private readonly sql: Sql) {}

  async list(ctx: RequestContext, userId: string, screen: string): Promise<SavedView[]> {
    const rows = await this.sql.rows<SavedViewRow>(ctx, 'SELECT id, name, filter, created_at FROM saved_view WHERE user_id = :userId AND screen = :screen ORDER BY name', { userId, screen });
    return rows.map(toView);
  }

  async count(ctx: RequestContext, userId: string): Promise<number> {
    return (await this.sql.one<{ n: number }>(ctx, 'SELECT count(*)::int AS n FROM saved_view WHERE user_id = :userId', { userId }))!.n;
  }

  /** Saves under the name, replacing the view of that name. */
  async upsert(ctx: RequestContext, userId: string, screen: string, name: string, filter: string): Promise<SavedView> {
    const row = await this.sql.one<SavedViewRow>(
      ctx,
      `INSERT INTO saved_view (user_id, screen, name, filter) VALUES (:userId, :screen, :name, :filter::jsonb)
       ON CONFLICT (user_id, screen, name) DO UPDATE SET filter = EXCLUDED.filter
       RETURNING id, name, filter, created_at`,
      { userId, screen, name, filter },
    );
    return toView(row!);
  }

  async delete(ctx: RequestContext, userId: string, id: string): Promise<string | undefined> {
    const row = await this.sql.one<{ name: string }>(ctx, 'DELETE FROM saved_view WHERE id = :id AND user_id = :userId RETURNING name', { id, userId });
    return row?.name;
  }
}

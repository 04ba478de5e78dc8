import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { SavedViewRepository } from './saved-view.repository.js';
import type { SavedView, SaveViewInput } from './saved-view.types.js';

const SCREEN = 'queue';
/** Enough for anyone's habits; a cap keeps one account from filling the table. */
const MAX_VIEWS = 50;

/** Saved queue views: each person's own, never shared, saved and deleted with an audit row. */
@Injectable()
export class SavedViewService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly views: SavedViewRepository,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext): Promise<SavedView[]> {
    return this.views.list(ctx, this.owner(ctx), SCREEN);
  }

  save(ctx: RequestContext, input: SaveViewInput): Promise<SavedView> {
    const owner = this.owner(ctx);
    const name = input.name.trim();
    if (!name) throw DomainError.badInput('name must not be empty: give the view a name.', 'input');
    let filter: unknown;
    try {
      filter = JSON.parse(input.filter);
    } catch {
      throw DomainError.badInput('filter must be a JSON object, e.g. {"statuses":["SUBMITTED"]}.', 'input');
    }
    if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw DomainError.badInput('filter must be a JSON object, e.g. {"statuses":["SUBMITTED"]}.', 'input');
    return this.uow.run(ctx, async (tx) => {
      const existing = await this.views.list(tx, owner, SCREEN);
      if (!existing.some((v) => v.name === name) && (await this.views.count(tx, owner)) >= MAX_VIEWS) {
        throw DomainError.badInput(`You have ${MAX_VIEWS} saved views, the most there can be: delete one you no longer use first.`, 'input');
      }
      const view = await this.views.upsert(tx, owner, SCREEN, name, JSON.stringify(filter));
      await this.audit.record(tx, 'savedView.save', { type: 'SavedView', id: view.id }, { name });
      return view;
    });
  }

  delete(ctx: RequestContext, id: string): Promise<boolean> {
    const owner = this.owner(ctx);
    if (!isUUID(id)) throw DomainError.notFound('Saved view');
    return this.uow.run(ctx, async (tx) => {
      const name = await this.views.delete(tx, owner, id);
      if (name === undefined) throw DomainError.notFound('Saved view');
      await this.audit.record(tx, 'savedView.delete', { type: 'SavedView', id }, { name });
      return true;
    });
  }

  private owner(ctx: RequestContext): string {
    if (ctx.actor?.kind !== 'user') throw DomainError.forbidden('Only people signed in have saved views.');
    return ctx.actor.id;
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { AlliedNationRepository } from './allied-nation.repository.js';
import type { AlliedNation } from './allied-nation.type.js';

/** The Allies, for other contexts (the request fields' `allied-nations` list) and the API. Loaded once per request. */
@Injectable()
export class AlliedNationService {
  constructor(private readonly nations: AlliedNationRepository) {}

  async list(ctx: RequestContext): Promise<AlliedNation[]> {
    const rows = await ctx.loaders.get('organisation.alliedNations', async (keys: readonly string[]) => {
      const all = await this.nations.list(ctx);
      return keys.map(() => all);
    }).load('all');
    return rows.map((r) => ({ ...r, name: ctx.language === 'fr' ? r.nameFr : r.nameEn }));
  }

  async codes(ctx: RequestContext): Promise<Set<string>> {
    return new Set((await this.list(ctx)).map((n) => n.code));
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Section } from './section.entity.js';
import { SectionRepository, type SectionServiceTargets } from './section.repository.js';

/** Reads of the section tree; other contexts resolve section codes here. */
@Injectable()
export class SectionService {
  constructor(private readonly sections: SectionRepository) {}

  list(ctx: RequestContext): Promise<Section[]> {
    return this.sections.list(ctx);
  }

  byCode(ctx: RequestContext, code: string): Promise<Section | null> {
    return this.sections.byCode(ctx, code);
  }

  /** The sections of these codes that exist, in any order: callers report the codes that are missing. */
  byCodes(ctx: RequestContext, codes: readonly string[]): Promise<Section[]> {
    return this.sections.byCodes(ctx, codes);
  }

  /** The section's service targets with the database's now() to count them from; null when there is no such section. */
  async serviceTargets(ctx: RequestContext, id: string): Promise<SectionServiceTargets | null> {
    return (await this.sections.serviceTargets(ctx, id)) ?? null;
  }

  byIds(ctx: RequestContext, ids: readonly string[]): Promise<Section[]> {
    return this.sections.byIds(ctx, ids);
  }
}

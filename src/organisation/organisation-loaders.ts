import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import type { RequestContext } from '../common/context/request-context.js';
import { byKeys, groupByKeys } from '../common/dataloader/dataloader-registry.js';
import type { Partner } from './partner.entity.js';
import { PartnerRepository } from './partner.repository.js';
import type { PartnershipFramework } from './partnership-framework.entity.js';
import type { Section } from './section.entity.js';
import { SectionRepository } from './section.repository.js';

/**
 * The per-request DataLoaders of organisation rows: the one set every context uses (catalogue, identity,
 * requests), so one request reads each partner and section once, into one cache.
 */
@Injectable()
export class OrganisationLoaders {
  constructor(
    private readonly sections: SectionRepository,
    private readonly partners: PartnerRepository,
  ) {}

  sectionById(ctx: RequestContext): DataLoader<string, Section | null> {
    return ctx.loaders.get('organisation.sectionById', async (ids: readonly string[]) => byKeys(ids, await this.sections.byIds(ctx, ids), (s) => s.id, null));
  }

  partnerById(ctx: RequestContext): DataLoader<string, Partner | null> {
    return ctx.loaders.get('organisation.partnerById', async (ids: readonly string[]) => byKeys(ids, await this.partners.byIds(ctx, ids), (p) => p.id, null));
  }

  childrenBySectionId(ctx: RequestContext): DataLoader<string, Section[]> {
    return ctx.loaders.get('organisation.childrenBySectionId', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.sections.childrenOf(ctx, ids), (s) => s.parentId!),
    );
  }

  frameworkById(ctx: RequestContext): DataLoader<string, PartnershipFramework | null> {
    return ctx.loaders.get('organisation.frameworkById', async (ids: readonly string[]) => byKeys(ids, await this.partners.frameworksByIds(ctx, ids), (f) => f.id, null));
  }

  frameworksByPartnerId(ctx: RequestContext): DataLoader<string, PartnershipFramework[]> {
    return ctx.loaders.get('organisation.frameworksByPartnerId', (ids: readonly string[]) => this.partners.frameworksOfPartners(ctx, ids));
  }
}

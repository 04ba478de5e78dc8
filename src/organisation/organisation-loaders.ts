import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type DataLoader from 'dataloader';
import { In, Repository } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { byKeys, groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { loadLinked, selectByIds } from './load-linked.js';
import { PartnershipFramework } from './partnership-framework.entity.js';
import { Section } from './section.entity.js';

/** Per-request DataLoaders for organisation relations; the catalogue uses them too (owning section, provider). */
@Injectable()
export class OrganisationLoaders {
  constructor(
    @InjectRepository(Section) private readonly sections: Repository<Section>,
    @InjectRepository(PartnershipFramework) private readonly frameworks: Repository<PartnershipFramework>,
  ) {}

  sectionById(ctx: RequestContext): DataLoader<string, Section | null> {
    return ctx.loaders.get('organisation.sectionById', async (ids: readonly string[]) =>
      byKeys(ids, await selectByIds(this.sections, ids), (s) => s.id, null),
    );
  }

  childrenBySectionId(ctx: RequestContext): DataLoader<string, Section[]> {
    return ctx.loaders.get('organisation.childrenBySectionId', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.sections.find({ where: { parentId: In([...ids]) }, order: { code: 'ASC' } }), (s) => s.parentId!),
    );
  }

  frameworksByPartnerId(ctx: RequestContext): DataLoader<string, PartnershipFramework[]> {
    return ctx.loaders.get('organisation.frameworksByPartnerId', (ids: readonly string[]) =>
      loadLinked(this.frameworks, { table: 'partner_framework', ownerColumn: 'partner_id', targetColumn: 'framework_id' }, ids),
    );
  }
}

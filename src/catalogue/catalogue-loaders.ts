import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type DataLoader from 'dataloader';
import { Repository } from 'typeorm';
import { RowMapper } from '../common/database/row-mapper.js';
import type { RequestContext } from '../common/context/request-context.js';
import { groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { loadLinked } from '../organisation/load-linked.js';
import { Partner } from '../organisation/partner.entity.js';
import { PartnershipFramework } from '../organisation/partnership-framework.entity.js';
import { CooperationArea } from './cooperation-area.entity.js';
import { OfferingIteration } from './offering-iteration.entity.js';
import { Topic } from './topic.entity.js';
import { readRows } from '../common/database/read-rows.js';

/** Per-request DataLoaders for an offering's relations: one query per relation, whatever the page size. */
@Injectable()
export class CatalogueLoaders {
  constructor(
    @InjectRepository(OfferingIteration) private readonly iterations: Repository<OfferingIteration>,
    @InjectRepository(CooperationArea) private readonly areas: Repository<CooperationArea>,
    @InjectRepository(Topic) private readonly topics: Repository<Topic>,
    @InjectRepository(PartnershipFramework) private readonly frameworks: Repository<PartnershipFramework>,
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
  ) {}

  iterationsByOfferingId(ctx: RequestContext): DataLoader<string, OfferingIteration[]> {
    return ctx.loaders.get('catalogue.iterationsByOfferingId', async (ids: readonly string[]) => {
      // Plain SQL and hand-mapped rows: every list page and detail runs it.
      const mapper = RowMapper.of<OfferingIteration>(this.iterations.metadata);
      const rows = await readRows(
        this.iterations,
        `SELECT ${mapper.select('i')} FROM offering_iteration i WHERE i.offering_id = ANY($1) ORDER BY i.start_date ASC, i.id ASC`,
        [ids],
      );
      return groupByKeys(ids, rows.map((row) => mapper.map(row, 'i_')!), (i) => i.offeringId);
    });
  }

  areasByOfferingId(ctx: RequestContext): DataLoader<string, CooperationArea[]> {
    return ctx.loaders.get('catalogue.areasByOfferingId', (ids: readonly string[]) =>
      loadLinked(this.areas, { table: 'offering_area', ownerColumn: 'offering_id', targetColumn: 'area_id' }, ids, 'position'),
    );
  }

  topicsByOfferingId(ctx: RequestContext): DataLoader<string, Topic[]> {
    return ctx.loaders.get('catalogue.topicsByOfferingId', (ids: readonly string[]) =>
      loadLinked(this.topics, { table: 'offering_topic', ownerColumn: 'offering_id', targetColumn: 'topic_id' }, ids),
    );
  }

  eligibleFrameworksByOfferingId(ctx: RequestContext): DataLoader<string, PartnershipFramework[]> {
    return ctx.loaders.get('catalogue.eligibleFrameworksByOfferingId', (ids: readonly string[]) =>
      loadLinked(this.frameworks, { table: 'offering_eligible_framework', ownerColumn: 'offering_id', targetColumn: 'framework_id' }, ids),
    );
  }

  eligiblePartnersByOfferingId(ctx: RequestContext): DataLoader<string, Partner[]> {
    return ctx.loaders.get('catalogue.eligiblePartnersByOfferingId', (ids: readonly string[]) =>
      loadLinked(this.partners, { table: 'offering_eligible_partner', ownerColumn: 'offering_id', targetColumn: 'partner_id' }, ids),
    );
  }
}

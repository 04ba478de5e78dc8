import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { CooperationArea } from '../catalogue/cooperation-area.entity.js';
import { OfferingIteration } from '../catalogue/offering-iteration.entity.js';
import { Offering } from '../catalogue/offering.entity.js';
import type { RequestContext } from '../common/context/request-context.js';
import { byKeys, groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { PartnershipFramework } from '../organisation/partnership-framework.entity.js';
import { Topic } from '../catalogue/topic.entity.js';
import type { RequestPerson } from './dto/request.types.js';
import { RequestComment } from './request-comment.entity.js';
import { RequestEvent } from './request-event.entity.js';
import { RoutingRule } from './routing-rule.entity.js';
import { readRows } from '../common/database/read-rows.js';

/** Per-request DataLoaders for a request's relations: one query per relation, whatever the page size. */
@Injectable()
export class RequestLoaders {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  personById(ctx: RequestContext): DataLoader<string, RequestPerson | null> {
    return ctx.loaders.get('requests.personById', async (ids: readonly string[]) => {
      const rows = await readRows<RequestPerson>(this.dataSource, 'SELECT id, display_name AS "displayName" FROM app_user WHERE id = ANY($1::uuid[])', [[...ids]]);
      return byKeys(ids, rows, (p) => p.id, null);
    });
  }

  offeringById(ctx: RequestContext): DataLoader<string, Offering | null> {
    return ctx.loaders.get('requests.offeringById', async (ids: readonly string[]) =>
      byKeys(ids, await this.dataSource.getRepository(Offering).findBy({ id: In([...ids]) }), (o) => o.id, null),
    );
  }

  iterationById(ctx: RequestContext): DataLoader<string, OfferingIteration | null> {
    return ctx.loaders.get('requests.iterationById', async (ids: readonly string[]) =>
      byKeys(ids, await this.dataSource.getRepository(OfferingIteration).findBy({ id: In([...ids]) }), (i) => i.id, null),
    );
  }

  areaById(ctx: RequestContext): DataLoader<string, CooperationArea | null> {
    return ctx.loaders.get('requests.areaById', async (ids: readonly string[]) =>
      byKeys(ids, await this.dataSource.getRepository(CooperationArea).findBy({ id: In([...ids]) }), (a) => a.id, null),
    );
  }

  topicById(ctx: RequestContext): DataLoader<string, Topic | null> {
    return ctx.loaders.get('requests.topicById', async (ids: readonly string[]) =>
      byKeys(ids, await this.dataSource.getRepository(Topic).findBy({ id: In([...ids]) }), (t) => t.id, null),
    );
  }

  frameworkById(ctx: RequestContext): DataLoader<string, PartnershipFramework | null> {
    return ctx.loaders.get('requests.frameworkById', async (ids: readonly string[]) =>
      byKeys(ids, await this.dataSource.getRepository(PartnershipFramework).findBy({ id: In([...ids]) }), (f) => f.id, null),
    );
  }

  ruleById(ctx: RequestContext): DataLoader<string, RoutingRule | null> {
    return ctx.loaders.get('requests.ruleById', async (ids: readonly string[]) =>
      byKeys(ids, await this.dataSource.getRepository(RoutingRule).findBy({ id: In([...ids]) }), (r) => r.id, null),
    );
  }

  /** Timeline entries in order; `withInternal` decides once per caller whether internal ones are included. */
  eventsByRequestId(ctx: RequestContext, withInternal: boolean): DataLoader<string, RequestEvent[]> {
    return ctx.loaders.get(`requests.eventsByRequestId:${withInternal}`, async (ids: readonly string[]) => {
      const rows = await this.dataSource.getRepository(RequestEvent).find({
        where: withInternal ? { requestId: In([...ids]) } : { requestId: In([...ids]), internal: false },
        order: { id: 'ASC' },
      });
      // bigint ids come back as strings: order numerically, not as text.
      rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      return groupByKeys(ids, rows, (e) => e.requestId);
    });
  }

  commentsByRequestId(ctx: RequestContext, withInternal: boolean): DataLoader<string, RequestComment[]> {
    return ctx.loaders.get(`requests.commentsByRequestId:${withInternal}`, async (ids: readonly string[]) =>
      groupByKeys(
        ids,
        await this.dataSource.getRepository(RequestComment).find({
          where: withInternal ? { requestId: In([...ids]) } : { requestId: In([...ids]), internal: false },
          order: { createdAt: 'ASC', id: 'ASC' },
        }),
        (c) => c.requestId,
      ),
    );
  }
}

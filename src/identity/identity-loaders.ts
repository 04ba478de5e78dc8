import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { byKeys, groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { Partner } from '../organisation/partner.entity.js';
import { Section } from '../organisation/section.entity.js';

/** Per-request batch loaders for the organisation rows users and keys point at. */
export function partnersById(ctx: RequestContext, dataSource: DataSource) {
  return ctx.loaders.get<string, Partner | undefined>('identity.partnerById', async (ids) =>
    byKeys(ids, await dataSource.getRepository(Partner).findBy({ id: In([...ids]) }), (p) => p.id),
  );
}

export function sectionsById(ctx: RequestContext, dataSource: DataSource) {
  return ctx.loaders.get<string, Section | undefined>('identity.sectionById', async (ids) =>
    byKeys(ids, await dataSource.getRepository(Section).findBy({ id: In([...ids]) }), (s) => s.id),
  );
}

/** Sections of each user, ordered by code. */
export function sectionsOfUser(ctx: RequestContext, dataSource: DataSource) {
  return ctx.loaders.get<string, Section[]>('identity.sectionsOfUser', async (userIds) => {
    const rows: Array<{ user_id: string; section_id: string }> = await dataSource.query(
      'SELECT user_id::text, section_id::text FROM user_section WHERE user_id = ANY($1::uuid[])',
      [[...userIds]],
    );
    const sections = await sectionsById(ctx, dataSource).loadMany(rows.map((r) => r.section_id));
    const byId = new Map(sections.filter((x): x is Section => x instanceof Section).map((x) => [x.id, x]));
    const pairs = rows.flatMap((r) => (byId.has(r.section_id) ? [{ user_id: r.user_id, section: byId.get(r.section_id)! }] : []));
    pairs.sort((a, b) => a.section.code.localeCompare(b.section.code));
    return groupByKeys(userIds, pairs, (p) => p.user_id).map((g) => g.map((p) => p.section));
  });
}

/** Partners each coordinator covers, ordered by code. */
export function coveredPartnersOfUser(ctx: RequestContext, dataSource: DataSource) {
  return ctx.loaders.get<string, Partner[]>('identity.coveredPartnersOfUser', async (userIds) => {
    const rows: Array<{ user_id: string; partner_id: string }> = await dataSource.query(
      'SELECT user_id::text, partner_id::text FROM user_covered_partner WHERE user_id = ANY($1::uuid[])',
      [[...userIds]],
    );
    const partners = await partnersById(ctx, dataSource).loadMany(rows.map((r) => r.partner_id));
    const byId = new Map(partners.filter((p): p is Partner => p instanceof Partner).map((p) => [p.id, p]));
    const pairs = rows.flatMap((r) => (byId.has(r.partner_id) ? [{ user_id: r.user_id, partner: byId.get(r.partner_id)! }] : []));
    pairs.sort((a, b) => a.partner.code.localeCompare(b.partner.code));
    return groupByKeys(userIds, pairs, (p) => p.user_id).map((g) => g.map((p) => p.partner));
  });
}

import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import type { RequestContext } from '../common/context/request-context.js';
import { groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import type { Partner } from '../organisation/partner.entity.js';
import type { Section } from '../organisation/section.entity.js';
import { UserRepository } from './user.repository.js';

/**
 * Per-request loaders of users' memberships: the links from identity's tables, the partners and sections
 * themselves from the organisation's loaders (one cache for the whole request).
 */
@Injectable()
export class IdentityLoaders {
  constructor(
    private readonly users: UserRepository,
    private readonly organisation: OrganisationLoaders,
  ) {}

  /** Sections of each user, ordered by code. */
  sectionsOfUser(ctx: RequestContext): DataLoader<string, Section[]> {
    return ctx.loaders.get('identity.sectionsOfUser', async (userIds: readonly string[]) => {
      const links = await this.users.sectionLinks(ctx, userIds);
      const sections = await this.organisation.sectionById(ctx).loadMany(links.map((l) => l.sectionId));
      return groupLinked(userIds, links, sections);
    });
  }

  /** Partners each coordinator covers, ordered by code. */
  coveredPartnersOfUser(ctx: RequestContext): DataLoader<string, Partner[]> {
    return ctx.loaders.get('identity.coveredPartnersOfUser', async (userIds: readonly string[]) => {
      const links = await this.users.coveredPartnerLinks(ctx, userIds);
      const partners = await this.organisation.partnerById(ctx).loadMany(links.map((l) => l.partnerId));
      return groupLinked(userIds, links, partners);
    });
  }
}

/** The targets of each user's links (`targets[i]` is the one of `links[i]`) that were found, by code. */
function groupLinked<T extends { code: string }>(userIds: readonly string[], links: { userId: string }[], targets: readonly (T | null | Error)[]): T[][] {
  const pairs = links.flatMap((link, i) => {
    const found = targets[i];
    return found && !(found instanceof Error) ? [{ userId: link.userId, target: found }] : [];
  });
  pairs.sort((a, b) => a.target.code.localeCompare(b.target.code));
  return groupByKeys(userIds, pairs, (p) => p.userId).map((group) => group.map((p) => p.target));
}

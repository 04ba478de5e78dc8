import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import type { RequestContext } from '../common/context/request-context.js';
import { byKeys } from '../common/dataloader/dataloader-registry.js';
import { UserRepository } from './user.repository.js';

/** A user as other contexts show them: a name, nothing about the account. */
export interface Person {
  id: string;
  displayName: string;
}

/**
 * What other contexts may know about users (requests: submitters, assignees, authors, actors): display names
 * through a per-request loader, and who may be given work. The account itself stays inside identity.
 */
@Injectable()
export class PeopleService {
  constructor(private readonly users: UserRepository) {}

  personById(ctx: RequestContext): DataLoader<string, Person | null> {
    return ctx.loaders.get('identity.personById', async (ids: readonly string[]) => byKeys(ids, await this.users.displayNames(ctx, ids), (p) => p.id, null));
  }

  /** Whether the user is active NATO staff (section staff or coordinator): who may be an SPS peer reviewer (issue #15). */
  async isActiveStaff(ctx: RequestContext, userId: string): Promise<boolean> {
    return (await this.users.activeStaff(ctx, [userId], 1)).length === 1;
  }

  /** Active NATO staff by name, at most `limit`: the reviewer picker (issue #15). */
  activeStaff(ctx: RequestContext, limit = 500): Promise<{ id: string; displayName: string }[]> {
    return this.users.activeStaff(ctx, null, limit);
  }

  /** Who may be assigned work on a partner's request routed to a section: active staff of that section, or an active coordinator covering the partner. */
  isAssignable(ctx: RequestContext, userId: string, sectionId: string | null, partnerId: string): Promise<boolean> {
    return this.users.isStaffOfSectionOrCoordinatorOf(ctx, userId, sectionId, partnerId);
  }

  /** Everyone isAssignable accepts for a request of this partner routed to this section (the triage's colleague picker). */
  assignable(ctx: RequestContext, sectionId: string | null, partnerId: string): Promise<Person[]> {
    return this.users.assignable(ctx, sectionId, partnerId);
  }
}

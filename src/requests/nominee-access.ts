import { ApiKeyScope, Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';

/**
 * Whose nominees (directory entries, training history) a caller may read: personal data, so the same people as
 * participants minus those whose reach comes from a request (a section sees nominees only on the requests
 * routed to it): the partner's own liaison officers, coordinators covering the partner, and the partner's API
 * keys granted personalData. Administrators and section staff are refused.
 */
export function nomineeReaderPartnerIds(ctx: RequestContext): readonly string[] {
  const actor = ctx.actor;
  if (actor?.kind === 'user' && actor.role === Role.PARTNER_LIAISON && actor.partnerId) return [actor.partnerId];
  if (actor?.kind === 'user' && actor.role === Role.COORDINATOR) return actor.coveredPartnerIds;
  if (actor?.kind === 'apiKey' && actor.role === ApiKeyScope.PARTNER && actor.partnerId && actor.personalData === true) return [actor.partnerId];
  throw DomainError.forbidden("Nominees are a partner's personal data: only its liaison officers, coordinators covering it and its API keys granted personalData read them.");
}

/** The partner whose directory the caller edits: only a liaison officer edits their own partner's. */
export function nomineeWriterPartnerId(ctx: RequestContext): string {
  const actor = ctx.actor;
  if (actor?.kind === 'user' && actor.role === Role.PARTNER_LIAISON && actor.partnerId) return actor.partnerId;
  throw DomainError.forbidden("Only a partner's liaison officers edit its nominee directory.");
}

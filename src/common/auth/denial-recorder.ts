import type { RequestContext } from '../context/request-context.js';

/**
 * Writes a refused call to the audit trail (`authorization.denied`), for the REST routes' error filter: provided by
 * the audit context (DenialAuditService, the same rule and row as GraphQL's refusals), so common/ does not import it.
 */
export abstract class DenialRecorder {
  /** Records `error` when it is a refusal the audit trail keeps (FORBIDDEN, NOT_FOUND, UNAUTHENTICATED); else nothing. */
  abstract recordRefusal(ctx: RequestContext, operation: string, error: unknown): Promise<void>;
}

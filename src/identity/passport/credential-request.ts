import type { AuthHttp } from '../../common/auth/auth-http.js';
import type { RequestContext } from '../../common/context/request-context.js';

/**
 * What a strategy reads: the request context (the strategies run their statements with it) and the credential
 * the dispatcher has already picked out of the headers, or the sign-in form's fields. A small object of its own
 * rather than Fastify's request, which passport would otherwise decorate with its helpers on every call.
 */
export interface CredentialRequest {
  ctx: RequestContext;
  /** The bearer token or API key secret. */
  credential?: string;
  /** The sign-in form (local strategy): passport-local reads its fields from `body`. */
  body?: { email: string; password: string };
  http?: AuthHttp;
}

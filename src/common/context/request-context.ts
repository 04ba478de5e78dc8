import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import type { EntityManager } from 'typeorm';
import type { Permission } from '../auth/permission.js';
import { DataLoaderRegistry } from '../dataloader/dataloader-registry.js';

export type Language = 'en' | 'fr';

export type ActorKind = 'user' | 'apiKey' | 'system';

/** The authenticated caller; the identity context builds it from a token or an API key. */
export interface Actor {
  kind: ActorKind;
  id: string;
  /** Role of a user (PARTNER_LIAISON, SECTION_STAFF, COORDINATOR, ADMIN) or scope of an API key. */
  role: string;
  permissions: ReadonlySet<Permission>;
  /** The partner a liaison officer (or a partner-scoped key) acts for. */
  partnerId?: string;
  /** Sections a staff member works in (or a section-scoped key). */
  sectionIds: readonly string[];
  /** Partners a coordinator covers. */
  coveredPartnerIds: readonly string[];
  /** The session a user's access token belongs to (users only). */
  sessionId?: string;
  /** An API key's explicit grant to read participants' personal data (users: decided by role, see request-access). */
  personalData?: boolean;
}

/**
 * Who is calling and on whose behalf, built once per request and passed first to every service method.
 * Authorization reads this, never the raw request.
 */
export class RequestContext {
  readonly loaders = new DataLoaderRegistry();
  actor?: Actor;
  /** Plain reads outside a unit of work may go to a read replica (set per GraphQL query; see ReadReplicas). */
  readReplica = false;
  /** The tracing span its statements are children of (the GraphQL operation's, or a job's), when tracing is on. */
  traceSpan?: Span;
  /**
   * The open unit of work, on a context made by `UnitOfWork.run` (never on the request's own context, whose
   * sibling resolvers run concurrently). Repositories run their statements in it when it is there.
   */
  readonly transaction?: EntityManager;

  constructor(
    readonly requestId: string = randomUUID(),
    /** Preferred content language from Accept-Language; a `language` argument overrides it. */
    readonly language: Language = 'en',
    readonly ip: string | undefined = undefined,
  ) {}

  get isAuthenticated(): boolean {
    return this.actor !== undefined && this.actor.kind !== 'system';
  }

  can(permission: Permission): boolean {
    return this.actor?.permissions.has(permission) ?? false;
  }

  /**
   * The same caller inside a transaction: a copy, so concurrent resolvers on the request's context never join
   * it, with loaders of its own, so nothing cached before a write is read back inside it.
   */
  withTransaction(transaction: EntityManager): RequestContext {
    const copy = new RequestContext(this.requestId, this.language, this.ip);
    copy.actor = this.actor;
    copy.traceSpan = this.traceSpan;
    (copy as { transaction?: EntityManager }).transaction = transaction;
    return copy;
  }

  /** A context for work that no user started (start-up, seeding, jobs): it may do everything. */
  /** `requestId`: the request that caused this work (a job carries it), else a new `system-…` id. */
  static system(permissions: ReadonlySet<Permission> = new Set(), requestId?: string): RequestContext {
    const ctx = new RequestContext(requestId ?? `system-${randomUUID()}`);
    ctx.actor = { kind: 'system', id: 'system', role: 'SYSTEM', permissions, sectionIds: [], coveredPartnerIds: [] };
    return ctx;
  }
}

/** Picks 'fr' when Accept-Language prefers French over English, 'en' otherwise. */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: (tag ?? '').split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.lang === 'en' || x.lang === 'fr')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang === 'fr' ? 'fr' : 'en';
}

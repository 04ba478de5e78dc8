import type {} from '@fastify/cookie'; // its augmentation of FastifyRequest/FastifyReply
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Kind, OperationTypeNode, parse, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { getNamedType, isCompositeType, type GraphQLCompositeType } from 'graphql/type/index.js';
import type { AppConfig } from '../../config/app-config.js';
import type { ReadModelChanges } from '../../database/read-model-changes.js';
import { cacheCounter } from '../../observability/counters.js';
import type { Metrics } from '../../observability/metrics.js';
import type { RequestAuthenticator } from '../auth/request-authenticator.js';
import { languageFromHeader, RequestContext, type Actor } from '../context/request-context.js';

/** Type name → the fields whose value depends only on the read model's tables and the caller's view. */
export type CacheableFields = Readonly<Record<string, readonly string[]>>;

/** One list from each context's: the union of their fields per type. */
export function mergeCacheableFields(...lists: CacheableFields[]): CacheableFields {
  const merged: Record<string, string[]> = {};
  for (const list of lists) for (const [type, names] of Object.entries(list)) merged[type] = [...(merged[type] ?? []), ...names];
  return merged;
}

/** What the context factory reuses when the cache already authenticated the request. */
export interface PreAuthenticated {
  ctx: RequestContext;
  authFailure?: string;
  authError?: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    pcpPreAuthenticated?: PreAuthenticated;
    pcpResponseCacheStore?: { key: string; generation: number; flight: Flight };
  }
}

interface Entry {
  payload: string;
  generation: number;
  expires: number;
}

/** A miss being answered: identical misses of the same generation wait for it instead of running it again. */
interface Flight {
  generation: number;
  /** The stored payload, or undefined when the answer was not kept (an error, too large, aborted). */
  done: Promise<string | undefined>;
  settle: (payload: string | undefined) => void;
}

interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

const POSITION_HEADER = 'x-read-model-position';
const POSITION_COOKIE = 'pcp_read_model';
/** Far longer than any instance takes to hear a commit: after it, the position tells nothing. */
const POSITION_MAX_AGE_SECONDS = 60;
const MAX_QUERY_LENGTH = 20_000;
const MAX_VERDICTS = 1_000;
const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;
const counter = cacheCounter('graphql_response');

/**
 * The catalogue read model (issue #19, item 2): whole responses of catalogue and reference-list queries, kept
 * in memory per instance and served without running GraphQL or SQL.
 *
 * What makes it safe:
 * - Only documents whose every field is listed in `fields` (the catalogue's and organisation's exported lists)
 *   are cached: fields are listed one by one, so a field added later (a per-user flag, say) is never cached
 *   by accident.
 * - The key holds everything such a response depends on besides the data: the document and its variables, the
 *   caller's view (role, permissions, partner, sections, covered partners — everything eligibility,
 *   visibility and releasability read; no user id, so officers of one partner share entries), the content
 *   language and the date.
 * - Entries belong to a generation of ReadModelChanges; any committed change to a read-model table starts a new
 *   one on every instance, a mutation is acknowledged only after this instance has heard it (barrier), and
 *   nothing is served while the listener is down. A TTL bounds what depends on the clock.
 * - Only complete answers are stored: status 200, no `errors`, read from the primary (a replica may lag
 *   behind the generation).
 * - Identical misses of one generation run once (single flight): after a catalogue change, ten readers of the
 *   same cold page wait for the first one's answer instead of running ten copies of its statements.
 */
export class GraphQLResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly flights = new Map<string, Flight>();
  /** Document text → the name of its cacheable query operation ('' unnamed), or false. */
  private readonly verdicts = new Map<string, string | false>();
  private metrics?: Metrics;
  private changes?: ReadModelChanges;
  private authenticator?: RequestAuthenticator;
  private fields: ReadonlyMap<string, ReadonlySet<string>> = new Map();
  private schemaSeen?: GraphQLSchema;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly config: AppConfig) {
    this.ttlMs = config.CATALOGUE_RESPONSE_CACHE_TTL_SECONDS * 1000;
    this.maxEntries = config.CATALOGUE_RESPONSE_CACHE_ENTRIES;
  }

  /** Called by the GraphQL module's factory once the services exist. */
  attach(changes: ReadModelChanges, authenticator: RequestAuthenticator | undefined, fields: CacheableFields, metrics?: Metrics): void {
    this.changes = changes;
    this.metrics = metrics;
    this.authenticator = authenticator;
    this.fields = new Map(Object.entries(fields).map(([type, names]) => [type, new Set(names)]));
  }

  /**
   * Before a mutation is acknowledged: waits until this instance has applied every change committed so far
   * (the mutation's own included), and hands the author the WAL position reached, so any other instance it
   * reads from next catches up to it first (lookUp). A cookie for browsers, a header for API clients, who
   * send it back as `x-read-model-position` to read their own writes through another instance.
   */
  async acknowledge(reply: FastifyReply): Promise<void> {
    const position = await this.changes?.barrier();
    if (!position) return;
    reply.header(POSITION_HEADER, position);
    reply.setCookie(POSITION_COOKIE, position, { httpOnly: true, sameSite: 'strict', secure: !this.config.isDevelopment, path: '/graphql', maxAge: POSITION_MAX_AGE_SECONDS });
  }

  get size(): number {
    return this.entries.size;
  }

  register(fastify: FastifyInstance): void {
    if (!this.config.CATALOGUE_RESPONSE_CACHE) return;
    fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'POST' || request.url !== '/graphql') return;
      const hit = await this.lookUp(request);
      if (hit !== undefined) return reply.type('application/json; charset=utf-8').send(hit);
    });
    fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const store = request.pcpResponseCacheStore;
      if (!store || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      const ctx = request.pcpPreAuthenticated?.ctx;
      // An error anywhere (even under an alias called "errors") or a replica's answer is not kept.
      if (ctx?.readReplica || !payload.startsWith('{"data":') || payload.includes('"errors":') || payload.length > MAX_PAYLOAD_BYTES) return payload;
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(store.key, { payload, generation: store.generation, expires: Date.now() + this.ttlMs });
      this.land(store.key, store.flight, payload);
      return payload;
    });
    // Whatever ended the request without a kept answer (an error, an abort): its waiters run the document themselves.
    const release = async (request: FastifyRequest) => {
      const store = request.pcpResponseCacheStore;
      if (store) this.land(store.key, store.flight, undefined);
    };
    fastify.addHook('onResponse', release);
    fastify.addHook('onRequestAbort', release);
  }

  private land(key: string, flight: Flight, payload: string | undefined): void {
    if (this.flights.get(key) === flight) this.flights.delete(key);
    flight.settle(payload);
  }

  private async lookUp(request: FastifyRequest): Promise<string | undefined> {
    const changes = this.changes;
    if (!changes?.live) return undefined;
    const body = request.body as GraphQLBody | undefined;
    if (!body || typeof body.query !== 'string' || body.query.length > MAX_QUERY_LENGTH) return undefined;
    const operationName = typeof body.operationName === 'string' ? body.operationName : '';
    const schema = (request.server as unknown as { graphql?: { schema?: GraphQLSchema } }).graphql?.schema;
    const verdict = schema && this.cacheable(schema, body.query, operationName);
    if (verdict === false || verdict === undefined) return undefined;

    // The caller decides the view; the context factory reuses this instead of authenticating again.
    const ctx = new RequestContext(request.id, languageFromHeader(request.headers['accept-language']), request.ip);
    const pre: PreAuthenticated = { ctx };
    try {
      pre.authFailure = await this.authenticator?.authenticate(ctx, { authorization: header(request, 'authorization'), 'x-api-key': header(request, 'x-api-key') });
    } catch (error) {
      pre.authError = error;
    }
    request.pcpPreAuthenticated = pre;
    if (pre.authFailure !== undefined || pre.authError !== undefined) return undefined;
    // The caller's own last write, acknowledged by whichever instance: heard here before anything is served.
    const position = header(request, POSITION_HEADER) ?? request.cookies?.[POSITION_COOKIE];
    if (position) await changes.catchUp(position);

    const variables = body.variables === undefined || body.variables === null ? '' : JSON.stringify(body.variables);
    const key = [viewOf(ctx.actor), ctx.language, new Date().toISOString().slice(0, 10), operationName, body.query, variables].join('\u0000');
    const entry = this.entries.get(key);
    if (entry && entry.generation === changes.generation && entry.expires > Date.now()) {
      counter.hits++;
      // Timed like any other operation (the metrics' response hook reads the label).
      if (this.metrics) request.graphqlOperation = this.metrics.operationLabel('query', verdict || undefined);
      // Most recently used last: the first key is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.payload;
    }
    if (entry) this.entries.delete(key);
    // A cold entry asked by many at once (a page after a catalogue change) runs once; the others wait for it.
    const running = this.flights.get(key);
    if (running && running.generation === changes.generation) {
      const payload = await running.done;
      if (payload !== undefined) {
        counter.hits++;
        if (this.metrics) request.graphqlOperation = this.metrics.operationLabel('query', verdict || undefined);
        return payload;
      }
    }
    counter.misses++;
    let settle!: (payload: string | undefined) => void;
    const done = new Promise<string | undefined>((resolve) => (settle = resolve));
    const flight: Flight = { generation: changes.generation, done, settle };
    if (!this.flights.has(key) || this.flights.get(key)!.generation !== changes.generation) this.flights.set(key, flight);
    request.pcpResponseCacheStore = { key, generation: changes.generation, flight };
    return undefined;
  }

  /** Whether the document's executed operation is a query made only of cacheable fields (remembered per text). */
  private cacheable(schema: GraphQLSchema, query: string, operationName: string): string | false {
    if (schema !== this.schemaSeen) {
      this.schemaSeen = schema;
      this.verdicts.clear();
    }
    const verdictKey = `${operationName}\u0000${query}`;
    let verdict = this.verdicts.get(verdictKey);
    if (verdict === undefined) {
      verdict = this.judge(schema, query, operationName);
      if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.clear();
      this.verdicts.set(verdictKey, verdict);
    }
    return verdict;
  }

  private judge(schema: GraphQLSchema, query: string, operationName: string): string | false {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.config.GRAPHQL_MAX_TOKENS });
    } catch {
      return false;
    }
    if (validate(schema, document).length > 0) return false;
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation || operation.operation !== OperationTypeNode.QUERY) return false;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    return this.onlyCacheable(schema, schema.getQueryType()!, operation.selectionSet, fragments, new Set()) && (operation.name?.value ?? '');
  }

  private onlyCacheable(schema: GraphQLSchema, type: GraphQLCompositeType, selections: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>): boolean {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        if (!this.fields.get(type.name)?.has(name) || !('getFields' in type)) return false;
        const field = type.getFields()[name];
        if (!field) return false;
        const named = getNamedType(field.type);
        if (selection.selectionSet) {
          if (!isCompositeType(named) || !this.onlyCacheable(schema, named, selection.selectionSet, fragments, visiting)) return false;
        }
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) return false;
        const typeName = fragment.typeCondition?.name.value;
        const target = typeName ? schema.getType(typeName) : type;
        if (!target || !isCompositeType(target)) return false;
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          if (visiting.has(selection.name.value)) return false;
          visiting.add(selection.name.value);
        }
        const ok = this.onlyCacheable(schema, target, fragment.selectionSet, fragments, visiting);
        if (selection.kind === Kind.FRAGMENT_SPREAD) visiting.delete(selection.name.value);
        if (!ok) return false;
      }
    }
    return true;
  }
}

/** Everything about the caller that a cacheable field may depend on; callers with equal views share entries. */
function viewOf(actor: Actor | undefined): string {
  if (!actor || actor.kind === 'system') return 'anonymous';
  return [
    actor.kind,
    actor.role,
    actor.partnerId ?? '',
    [...actor.sectionIds].sort().join(','),
    [...actor.coveredPartnerIds].sort().join(','),
    actor.personalData ? 'personal' : '',
    [...actor.permissions].sort().join(','),
  ].join('|');
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

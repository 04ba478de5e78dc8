import type { ModuleRef } from '@nestjs/core';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, Kind, NoSchemaIntrospectionCustomRule, OperationTypeNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Logger as Pino } from 'pino';
import type { AppConfig } from '../../config/app-config.js';
import { AuthHttp } from '../auth/auth-http.js';
import type { RequestAuthenticator } from '../auth/request-authenticator.js';
import { languageFromHeader, RequestContext } from '../context/request-context.js';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/error-code.js';
import { formatGraphQLError, mapError } from '../errors/error-mapping.js';
import { resolveLocalisedFields } from '../i18n/localised-field.js';
import { budgetRefusal, ExecutionBudget, guardResolvers, type BudgetedContext } from './execution-budget.js';
import { withInputDefaults } from './input-defaults.js';
import type { ReadReplicas } from '../../database/read-replicas.js';
import type { Metrics } from '../../observability/metrics.js';
import { endSpan, startSpan, tracingOn, type Span } from '../../observability/tracing.js';
import type { ListSizes } from './list-sizes.js';
import type { GraphQLResponseCache } from './response-cache.js';
import { assertQueryCost, UNMEASURED_SIZES } from './query-cost.js';
import { assertPageSizeVariables, queryLimitRules } from './query-limits.js';
import { resolveDirectFields } from './resolve-directly.js';
import { strictDateTime } from './strict-date-time.js';
import { assertWellFormedInput } from './well-formed-input.js';

const NOT_A_DOCUMENT =
  'query must be the text of a GraphQL document. Send POST with Content-Type: application/json and a body {"query": "…", "variables": {…}}, or with Content-Type: application/graphql and the query text itself as the body.';

/** graphql-js gives up on these without saying why: the overlapping-fields check ran out of its budget, or 100 errors. */
const VALIDATION_GAVE_UP: Record<string, string> = {
  'Validation aborted.': 'The query repeats fields too often to be checked (the same field many times in one selection). Ask for each field once.',
  'Too many validation errors, error limit reached. Validation aborted.': 'The query has more than 100 errors; only the first 100 are listed. Fix those and try again.',
};

/** "Did you mean …?" leaks the schema to a caller who cannot introspect it. */
const SUGGESTION = / ?Did you mean .*\?$/;

/** Mercurius reports query validation failures as one error whose originalError carries the list. */
function unwrapValidationErrors(error: GraphQLError): GraphQLError[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(inner) ? inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message ?? e)))) : [error];
}

/**
 * Requests refused by Fastify or Mercurius before any GraphQL ran (body too large, wrong media type, CSRF
 * prevention, unparsable JSON): a client error with its own HTTP status and a message that says what to send.
 */
function httpRefusal(errors: readonly GraphQLError[], config: AppConfig): { status: number; message: string } | undefined {
  const original = errors.length === 1 ? (errors[0]!.originalError as { statusCode?: unknown; code?: unknown; message?: string } | undefined) : undefined;
  const status = original?.statusCode;
  if (!original || original instanceof GraphQLError || typeof status !== 'number' || status < 400 || status >= 500 || Array.isArray((original as { errors?: unknown }).errors)) return undefined;
  switch (original.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status, message: `The request body is larger than the limit of ${config.BODY_LIMIT_BYTES} bytes.` };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status, message: 'Send GraphQL requests as POST with Content-Type: application/json.' };
    case 'MER_ERR_GQL_CSRF_PREVENTION':
      return { status, message: 'Refused as a possible cross-site request forgery: send Content-Type: application/json (or an x-mercurius-operation-name header).' };
    default:
      return typeof original.code === 'string' && /^(FST_|MER_)/.test(original.code) ? { status, message: original.message ?? 'The request was refused.' } : undefined;
  }
}

function hasMutation(document: DocumentNode): boolean {
  return document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.MUTATION);
}

/** The operation of the document that runs: the one the body's operationName names, or the only one. */
function executedOperation(document: DocumentNode, context: object): OperationDefinitionNode | undefined {
  const request = (context as { reply?: FastifyReply }).reply?.request;
  const wanted = (request?.body as { operationName?: unknown } | undefined)?.operationName;
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (typeof wanted !== 'string' || d.name?.value === wanted) return d;
  }
  return undefined;
}

/** The executed operation's type and (bounded) name, left on the request for the metrics' response hook. */
function labelOperation(metrics: Metrics, operation: OperationDefinitionNode | undefined, context: object): void {
  const request = (context as { reply?: FastifyReply }).reply?.request;
  if (request && operation) request.graphqlOperation = metrics.operationLabel(operation.operation, operation.name?.value);
}

interface ReplicaRouting {
  ctx?: RequestContext;
  /** Set on a mutation: its caller, marked again as a writer once the mutation has resolved. */
  writer?: string;
  /** The operation's span (tracing on), ended when it resolves. */
  operationSpan?: Span;
  /** A mutation: acknowledged only once this instance's read model has heard its changes. */
  mutation?: boolean;
}

/** A span per GraphQL operation, child of the HTTP request's; its statements are children of it (ctx.traceSpan). */
function traceOperation(operation: OperationDefinitionNode | undefined, context: object): void {
  const routing = context as ReplicaRouting;
  const ctx = routing.ctx;
  if (!ctx) return;
  const request = (context as { reply?: FastifyReply }).reply?.request;
  const type = operation?.operation ?? 'query';
  const name = operation?.name?.value;
  const span = startSpan(name ? `${type} ${name}` : type, { 'graphql.operation.type': type, 'graphql.operation.name': name ?? '', 'pcp.request_id': ctx.requestId }, request?.traceSpan);
  ctx.traceSpan = span;
  routing.operationSpan = span;
}

/**
 * Queries may read from a replica unless their caller made a mutation within DATABASE_REPLICA_STICKY_SECONDS
 * (read your own writes); a mutation marks its caller, before it runs and again after.
 */
function routeReads(replicas: ReadReplicas, operation: OperationDefinitionNode | undefined, context: object): void {
  const routing = context as ReplicaRouting;
  const ctx = routing.ctx;
  if (!ctx || !operation) return;
  const caller = ctx.actor ? `${ctx.actor.kind}:${ctx.actor.id}` : `ip:${ctx.ip ?? ''}`;
  if (operation.operation === OperationTypeNode.MUTATION) {
    replicas.wrote(caller);
    routing.writer = caller;
  } else if (operation.operation === OperationTypeNode.QUERY) {
    ctx.readReplica = replicas.mayRead(caller);
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * `authenticator` (the identity context) sets `ctx.actor` once per request; without it every caller is anonymous.
 * `moduleRef` finds the resolvers of @ResolveDirectly fields; without it they run through Nest like the others.
 * `listSizes` measures the reference lists the query cost counts; without it generous fixed sizes are used.
 */
export function graphqlOptions(
  config: AppConfig,
  rootLogger: Pino,
  authenticator?: RequestAuthenticator,
  moduleRef?: ModuleRef,
  listSizes?: ListSizes,
  metrics?: Metrics,
  replicas?: ReadReplicas,
  responseCache?: GraphQLResponseCache,
): MercuriusDriverConfig {
  const production = config.isProduction;
  return {
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: config.isDevelopment,
    jit: 1,
    transformSchema: (schema) => {
      const localised = resolveLocalisedFields(strictDateTime(schema));
      // Last, so the budget also guards the resolvers set above.
      return guardResolvers(moduleRef ? resolveDirectFields(localised, moduleRef) : localised);
    },
    allowBatchedQueries: false,
    // Depth, aliases, cost, page size and (parse option) tokens: an abusive document never reaches a resolver.
    validationRules: [...queryLimitRules(config), ...(production ? [NoSchemaIntrospectionCustomRule] : [])],
    graphql: { parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS } },
    hooks: {
      // A `query` that is not text (`{"query": 123}`, or a JSON object Mercurius would take for a parsed
      // document) is refused: documents are only ever parsed here, under the token limit.
      preParsing: [
        async (_schema: GraphQLSchema, source: unknown) => {
          if (typeof source !== 'string') throw new DomainError(ErrorCode.BAD_USER_INPUT, NOT_A_DOCUMENT, { field: 'query' });
        },
      ],
      // Mercurius falls back to JSON.parse when the text is not GraphQL (a JSON body sent as application/graphql):
      // a parsed document carries a Location instance, a JSON one a plain object.
      preValidation: [
        async (_schema: GraphQLSchema, document: DocumentNode) => {
          const loc = (document as { loc?: object }).loc;
          if (!loc || Object.getPrototypeOf(loc) === Object.prototype) throw new DomainError(ErrorCode.BAD_USER_INPUT, NOT_A_DOCUMENT, { field: 'query' });
        },
      ],
      // Everything here needs the variables, so it runs after validation and before any resolver.
      preExecution: [
        async (schema: GraphQLSchema, document: DocumentNode, context: object, variables?: Record<string, unknown>) => {
          if (metrics || replicas?.enabled || tracingOn()) {
            const operation = executedOperation(document, context);
            if (metrics) labelOperation(metrics, operation, context);
            if (replicas?.enabled) routeReads(replicas, operation, context);
            if (tracingOn()) traceOperation(operation, context);
          }
          assertWellFormedInput(document, variables);
          assertPageSizeVariables(document, variables);
          assertQueryCost(schema, document, variables, listSizes ? await listSizes.current() : UNMEASURED_SIZES, config.GRAPHQL_MAX_COST);
          // A mutation is not stopped by the clock: it may have committed by then, and must not be reported as failed.
          const mutation = hasMutation(document);
          (context as ReplicaRouting).mutation = mutation;
          const timeoutMs = mutation ? Number.POSITIVE_INFINITY : config.GRAPHQL_EXECUTION_TIMEOUT_MS;
          (context as BudgetedContext).budget = new ExecutionBudget(timeoutMs, config.GRAPHQL_MAX_RESPONSE_OBJECTS);
          const filled = withInputDefaults(schema, document, variables);
          return filled === variables ? undefined : { variables: filled };
        },
      ],
      onResolution: [
        async (execution: { errors?: readonly GraphQLError[] }, context: object) => {
          const { writer, operationSpan, mutation } = context as ReplicaRouting;
          if (writer) replicas?.wrote(writer);
          // The author's next read must not be a cached response from before the mutation.
          const reply = (context as { reply?: FastifyReply }).reply;
          if (mutation && responseCache && reply) await responseCache.acknowledge(reply);
          if (operationSpan) {
            const codes = (execution.errors ?? []).map((e) => mapError(e).code);
            if (codes.length) operationSpan.setAttribute('graphql.error_codes', codes);
            endSpan(operationSpan, codes.some((c) => c === ErrorCode.INTERNAL_SERVER_ERROR || c === ErrorCode.SERVICE_UNAVAILABLE) ? new Error(codes.join(', ')) : undefined);
          }
        },
      ],
    },
    // A cross-site form or text/plain POST carries the refresh cookie but is refused before anything runs:
    // only application/json (or a custom header, which forces a CORS preflight) is executed.
    csrfPrevention: true,
    context: async (request: FastifyRequest, reply: FastifyReply) => {
      // The response cache authenticated this request already to find its view.
      const pre = request.pcpPreAuthenticated;
      if (pre) return { ...pre, http: new AuthHttp(request, reply, !config.isDevelopment) };
      const ctx = new RequestContext(request.id, languageFromHeader(request.headers['accept-language']), request.ip);
      const http = new AuthHttp(request, reply, !config.isDevelopment);
      // A context factory that throws makes Mercurius answer a bare 500 (its error handler calls the factory
      // again); the guard throws the error instead, and the error mapping turns it into a code and a message.
      try {
        const authFailure = await authenticator?.authenticate(ctx, { authorization: header(request, 'authorization'), 'x-api-key': header(request, 'x-api-key') });
        return { ctx, authFailure, http };
      } catch (authError) {
        return { ctx, authError, http };
      }
    },
    errorFormatter: (execution, context) => {
      // The request's logger, so the lines carry its requestId.
      const logger = (context as { reply?: FastifyReply } | undefined)?.reply?.log ?? rootLogger;
      const refused = httpRefusal(execution.errors, config);
      if (refused) {
        metrics?.countGraphQLErrors([ErrorCode.BAD_USER_INPUT]);
        return { statusCode: refused.status, response: { data: null, errors: [{ message: refused.message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] } };
      }
      // A stopped execution leaves one error per resolver that was still to run and partial data: one answer.
      const budget = execution.errors.map(budgetRefusal).find((e) => e !== undefined);
      if (budget) {
        logger.warn({ limit: budget.details.limit, message: budget.message }, 'GraphQL execution stopped by its budget');
        metrics?.countGraphQLErrors([budget.code]);
        return { statusCode: 200, response: { data: null, errors: [{ message: budget.message, extensions: { ...budget.details, code: budget.code } }] } };
      }
      const errors = execution.errors.flatMap(unwrapValidationErrors).map((error: GraphQLError) => {
        const mapped = mapError(error);
        // Faults at error with their stack; refusals (a caller's mistake or missing right) at debug, without one:
        // an authorization sweep or a page load without a session is not an incident.
        if (mapped.unexpected) logger.error({ err: error.originalError ?? error, path: error.path }, 'GraphQL resolver failed');
        else logger.debug({ code: mapped.code, path: error.path, reason: mapped.message }, 'GraphQL request refused');
        const formatted = formatGraphQLError(error, config.isDevelopment);
        const gaveUp = VALIDATION_GAVE_UP[formatted.message];
        if (gaveUp) return { ...formatted, message: gaveUp };
        if (formatted.message === 'body must be object') {
          return { ...formatted, message: 'Send one GraphQL operation per request as a JSON object; batched queries are not accepted.' };
        }
        return production ? { ...formatted, message: formatted.message.replace(SUGGESTION, '') } : formatted;
      });
      // Errors during execution travel in a 200 response beside the data; a request that could not run at all
      // (malformed, invalid against the schema) is a 400.
      metrics?.countGraphQLErrors(errors.map((e) => e.extensions?.code));
      const rejected = !execution.data && errors.every((e) => e.extensions?.code === ErrorCode.BAD_USER_INPUT);
      return { statusCode: rejected ? 400 : 200, response: { data: execution.data ?? null, errors } };
    },
  };
}

import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type DocumentNode } from 'graphql';
import type { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config.js';
import { AuthHttp } from '../auth/auth-http.js';
import type { RequestAuthenticator } from '../auth/request-authenticator.js';
import { languageFromHeader, RequestContext } from '../context/request-context.js';
import { ErrorCode } from '../errors/error-code.js';
import { formatGraphQLError, mapError } from '../errors/error-mapping.js';
import { assertPageSizeVariables, queryLimitRules } from './query-limits.js';

/** "Did you mean …?" leaks the schema to a caller who cannot introspect it. */
const SUGGESTION = / ?Did you mean .*\?$/;

/** Mercurius reports query validation failures as one error whose originalError carries the list. */
function unwrapValidationErrors(error: GraphQLError): GraphQLError[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(inner) ? inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message ?? e)))) : [error];
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** `authenticator` (the identity context) sets `ctx.actor` once per request; without it every caller is anonymous. */
export function graphqlOptions(config: AppConfig, logger: PinoLogger, authenticator?: RequestAuthenticator): MercuriusDriverConfig {
  const production = config.isProduction;
  return {
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: config.isDevelopment,
    jit: 1,
    allowBatchedQueries: false,
    // Depth, aliases, cost, page size and (parse option) tokens: an abusive document never reaches a resolver.
    validationRules: [...queryLimitRules(config), ...(production ? [NoSchemaIntrospectionCustomRule] : [])],
    graphql: { parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS } },
    hooks: {
      preExecution: [async (_schema: unknown, document: DocumentNode, _context: unknown, variables?: Record<string, unknown>) => assertPageSizeVariables(document, variables)],
    },
    // A cross-site form or text/plain POST carries the refresh cookie but is refused before anything runs:
    // only application/json (or a custom header, which forces a CORS preflight) is executed.
    csrfPrevention: true,
    context: async (request: FastifyRequest, reply: FastifyReply) => {
      const ctx = new RequestContext(request.id, languageFromHeader(request.headers['accept-language']), request.ip);
      const authFailure = await authenticator?.authenticate(ctx, { authorization: header(request, 'authorization'), 'x-api-key': header(request, 'x-api-key') });
      return { ctx, authFailure, http: new AuthHttp(request, reply, !config.isDevelopment) };
    },
    errorFormatter: (execution) => {
      const errors = execution.errors.flatMap(unwrapValidationErrors).map((error: GraphQLError) => {
        const mapped = mapError(error);
        if (mapped.unexpected) logger.error({ err: error.originalError ?? error, path: error.path }, 'GraphQL resolver failed');
        const formatted = formatGraphQLError(error, config.isDevelopment);
        if (formatted.message === 'body must be object') {
          return { ...formatted, message: 'Send one GraphQL operation per request as a JSON object; batched queries are not accepted.' };
        }
        return production ? { ...formatted, message: formatted.message.replace(SUGGESTION, '') } : formatted;
      });
      // Errors during execution travel in a 200 response beside the data; a request that could not run at all
      // (malformed, invalid against the schema) is a 400.
      const rejected = !execution.data && errors.every((e) => e.extensions?.code === ErrorCode.BAD_USER_INPUT);
      return { statusCode: rejected ? 400 : 200, response: { data: execution.data ?? null, errors } };
    },
  };
}

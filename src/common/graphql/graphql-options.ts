import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config.js';
import { languageFromHeader, RequestContext } from '../context/request-context.js';
import { ErrorCode } from '../errors/error-code.js';
import { formatGraphQLError, mapError } from '../errors/error-mapping.js';

/** "Did you mean …?" leaks the schema to a caller who cannot introspect it. */
const SUGGESTION = / ?Did you mean .*\?$/;

/** Mercurius reports query validation failures as one error whose originalError carries the list. */
function unwrapValidationErrors(error: GraphQLError): GraphQLError[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(inner) ? inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message ?? e)))) : [error];
}

export function graphqlOptions(config: AppConfig, logger: PinoLogger): MercuriusDriverConfig {
  const production = config.isProduction;
  return {
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: config.isDevelopment,
    jit: 1,
    allowBatchedQueries: false,
    validationRules: production ? [NoSchemaIntrospectionCustomRule] : [],
    context: (request: FastifyRequest) => ({
      ctx: new RequestContext(
        request.id,
        languageFromHeader(request.headers['accept-language']),
        request.ip,
      ),
    }),
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

import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { NoSchemaIntrospectionCustomRule, type GraphQLError } from 'graphql';
import type { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config.js';
import { languageFromHeader, RequestContext } from '../context/request-context.js';
import { formatGraphQLError, mapError } from '../errors/error-mapping.js';

/** "Did you mean …?" leaks the schema to a caller who cannot introspect it. */
const SUGGESTION = / ?Did you mean .*\?$/;

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
        String((request.raw as { id?: unknown }).id ?? request.id),
        languageFromHeader(request.headers['accept-language']),
        request.ip,
      ),
    }),
    errorFormatter: (execution) => {
      const errors = execution.errors.map((error: GraphQLError) => {
        const mapped = mapError(error);
        if (mapped.unexpected) logger.error({ err: error.originalError ?? error, path: error.path }, 'GraphQL resolver failed');
        const formatted = formatGraphQLError(error, config.isDevelopment);
        return production ? { ...formatted, message: formatted.message.replace(SUGGESTION, '') } : formatted;
      });
      // GraphQL-over-HTTP with application/json: errors travel in a 200 response, with data when there is any.
      return { statusCode: 200, response: { data: execution.data ?? null, errors } };
    },
  };
}

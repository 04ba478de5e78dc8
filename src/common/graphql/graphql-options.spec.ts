import { GraphQLError } from 'graphql';
import pino from 'pino';
import { loadConfig } from '../../config/app-config.js';
import { DomainError } from '../errors/domain-error.js';
import { graphqlOptions } from './graphql-options.js';

/** The formatter as Mercurius calls it, logging to a real pino that writes into an array. */
function formatter(): { format: (errors: GraphQLError[]) => unknown; lines: Array<Record<string, any>> } {
  const lines: Array<Record<string, any>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const options = graphqlOptions(loadConfig({ NODE_ENV: 'test' }), logger);
  const errorFormatter = options.errorFormatter as (execution: unknown, context: unknown) => unknown;
  return { format: (errors) => errorFormatter({ data: null, errors }, undefined), lines };
}

const raised = (original: Error) => new GraphQLError(original.message, { path: ['deactivateUser'], originalError: original });

describe('GraphQL error logging', () => {
  it.each([
    ['FORBIDDEN', DomainError.forbidden()],
    ['NOT_FOUND', DomainError.notFound('The request')],
    ['UNAUTHENTICATED', DomainError.unauthenticated('There is no session to refresh. Sign in again.')],
    ['BAD_USER_INPUT', DomainError.badInput('The title is too long.', 'title')],
    ['CONFLICT', DomainError.conflict('Reload and try again.')],
  ])('logs a %s refusal at debug, without a stack', (code, error) => {
    const { format, lines } = formatter();
    format([raised(error)]);
    expect(lines).toEqual([expect.objectContaining({ level: 20, msg: 'GraphQL request refused', code, reason: error.message, path: ['deactivateUser'] })]);
    expect(JSON.stringify(lines)).not.toMatch(/stack|\bat /);
  });

  it('logs a fault at error, with its stack', () => {
    const { format, lines } = formatter();
    format([raised(new TypeError("Cannot read properties of undefined (reading 'id')"))]);
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'GraphQL resolver failed', err: expect.objectContaining({ type: 'TypeError', stack: expect.stringContaining('TypeError') }) })]);
  });
});

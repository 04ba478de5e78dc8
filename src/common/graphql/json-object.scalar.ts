import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';

const MAX_BYTES = 64 * 1024;

function parse(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new GraphQLError(`Expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}.`);
  if (JSON.stringify(value).length > MAX_BYTES) throw new GraphQLError(`A JSON object may be at most ${MAX_BYTES / 1024} KB.`);
  return value as Record<string, unknown>;
}

/**
 * A JSON object whose shape is data, not schema (issue #15: a request's kind-specific fields and the JSON Schema that
 * describes them). The server validates it against that schema; GraphQL only checks it is an object of bounded size.
 */
export const JSONObject = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object; its shape is described by data (e.g. a RequestFieldSchema), not by this schema.',
  serialize: (value) => value,
  parseValue: parse,
  parseLiteral: (ast, variables) => {
    if (ast.kind !== Kind.OBJECT) throw new GraphQLError('Expected a JSON object.');
    return parse(valueFromASTUntyped(ast, variables));
  },
});

import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env';

/** Typed GraphQL documents, checked against the committed schema.gql (regenerate with `npm run web:codegen`). */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; Date: string; ID: string; JSONObject: Record<string, any> };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';

import { initGraphQLTada } from 'gql.tada';
import type { introspection } from '../../web/src/graphql-env.js';

/**
 * Typed GraphQL documents for the e2e tests, checked against the committed schema.gql through the web app's
 * generated introspection (`npm run web:codegen`; test/graphql-documents.e2e-spec.ts fails when it is stale).
 * A schema change that breaks a test's document or its use of the result fails `npm run typecheck`.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; Date: string; ID: string; JSONObject: Record<string, any> };
  // Tests read the fields a fragment selects directly; the web app's masking is for component boundaries.
  disableMasking: true;
}>();

export type { ResultOf, TadaDocumentNode, VariablesOf } from 'gql.tada';

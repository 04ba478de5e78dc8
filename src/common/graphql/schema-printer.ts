import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

export const SCHEMA_FILE = 'schema.gql';

const HEADER = '# The GraphQL schema of the Partner Cooperation Portal, generated from the code by `npm run schema:print`.\n# Committed so every API change shows in review; a test fails when code and file disagree.\n\n';

/** The schema as committed: sorted, so the file only changes when the API does. */
export function printAppSchema(app: INestApplication): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

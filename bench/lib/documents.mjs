// The bench's GraphQL documents checked against the committed schema before any load: a stale document would
// otherwise be sent thousands of times and measured as a failure rate (or, worse, as a fast error answer).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema.gql');
let schema;

/** Throws, naming the document and the first problems, when any document does not validate against schema.gql. */
export function assertValidDocuments(documents) {
  schema ??= buildSchema(readFileSync(schemaFile, 'utf8'));
  for (const [name, text] of Object.entries(documents)) {
    const errors = validate(schema, parse(text));
    if (errors.length) throw new Error(`bench document ${name} does not match schema.gql: ${errors.slice(0, 3).map((e) => e.message).join('; ')}`);
  }
}

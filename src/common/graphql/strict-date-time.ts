import { GraphQLError, Kind, type GraphQLSchema, isScalarType } from 'graphql';

/** `YYYY-MM-DD`, optionally with a time and a zone: `2026-03-01T09:30:00Z`, `2026-03-01T10:30:00.5+01:00`. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An incoming DateTime, checked before it can reach SQL: ISO 8601 with a year from 1 to 9999, a real calendar
 * day and time, and a zone (Z or ±HH:MM) when a time is given; a date alone is midnight UTC. The stock scalar
 * of @nestjs/graphql passes anything to `new Date()`, so "yesterday" or year 10000 failed in PostgreSQL.
 */
export function parseDateTime(value: unknown): Date {
  const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = m ?? [];
  const date = m ? new Date(value as string) : undefined;
  const valid =
    date !== undefined &&
    !Number.isNaN(date.getTime()) &&
    year !== '0000' &&
    Number(month) >= 1 && Number(month) <= 12 &&
    Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59 &&
    // 2026-02-30 would roll over to March: the day must exist in its month.
    Number(day) >= 1 && Number(day) <= new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (!valid) {
    throw new GraphQLError(`Expected a date-time as ISO 8601 with a year from 0001 to 9999, such as 2026-03-01T09:30:00Z (or a date, 2026-03-01); got ${JSON.stringify(value)}.`);
  }
  return date!;
}

/**
 * Makes the schema's DateTime strict on input, keeping its name, description and output: the schema is
 * unchanged. Set on the schema's own scalar, so both graphql-js and graphql-jit (which binds parseValue
 * when it compiles a query) use it.
 */
export function strictDateTime(schema: GraphQLSchema): GraphQLSchema {
  const scalar = schema.getType('DateTime');
  if (scalar && isScalarType(scalar)) {
    scalar.parseValue = parseDateTime;
    scalar.parseLiteral = (ast) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError('Expected a date-time as an ISO 8601 string, such as 2026-03-01T09:30:00Z.');
      return parseDateTime(ast.value);
    };
  }
  return schema;
}

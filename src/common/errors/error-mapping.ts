import { HttpException, HttpStatus } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from './domain-error.js';
import { ErrorCode } from './error-code.js';

export interface MappedError {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
  /** Unexpected errors are logged with their stack; expected ones are not. */
  unexpected: boolean;
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.BAD_USER_INPUT,
};

/** GraphQL's own validation codes (unknown field, bad variable…) are client mistakes. */
const GRAPHQL_INPUT_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'MER_ERR_GQL_VALIDATION']);

/** The single place where any thrown value becomes a code and a message a person can act on. */
export function mapError(error: unknown): MappedError {
  // graphql wraps a thrown non-Error (pg's connect failure reaches a resolver as a plain object) in one.
  if (error instanceof Error && error.name === 'NonErrorThrown' && 'thrownValue' in error) return mapError(error.thrownValue);
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, details: error.details, unexpected: false };
  }
  if (error instanceof HttpException) {
    const code = HTTP_STATUS_CODES[error.getStatus()];
    if (code) {
      const body = error.getResponse();
      const raw = typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : error.message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw);
      return { code, message, details: {}, unexpected: false };
    }
  }
  if (isGraphQLError(error)) {
    if (error.originalError && !isGraphQLError(error.originalError) && error.originalError !== error) {
      return mapError(error.originalError);
    }
    const code = String(error.extensions?.code ?? '');
    // Raised by execution itself at a response path (a null in a non-null field, a value an enum cannot
    // represent): the server's fault, not the caller's, so it falls through to the internal error below.
    const executionFault = !GRAPHQL_INPUT_CODES.has(code) && !error.originalError && error.path !== undefined;
    if (!executionFault && (GRAPHQL_INPUT_CODES.has(code) || !error.originalError || isGraphQLError(error.originalError))) {
      return { code: ErrorCode.BAD_USER_INPUT, message: error.message, details: {}, unexpected: false };
    }
  }
  // Services check uniqueness first; this catches the race where two requests pass that check together.
  if (pgCode(error) === '23505') {
    return {
      code: ErrorCode.CONFLICT,
      message: 'This was just created or changed by someone else with the same unique value (for example the same email or code). Reload and try again.',
      details: {},
      unexpected: false,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'The service is temporarily unavailable. Please try again in a moment.',
      details: {},
      unexpected: true,
    };
  }
  return {
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: 'Something went wrong on our side. The error has been logged; please try again later.',
    details: {},
    unexpected: true,
  };
}

/** The SQLSTATE of a PostgreSQL error, also when TypeORM wraps it. */
function pgCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * By name, not instanceof: graphql ships CommonJS and ESM builds, and Mercurius (CommonJS) may create
 * errors from the other copy than the one this module imported.
 */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError || (error instanceof Error && error.name === 'GraphQLError');
}

const UNAVAILABLE_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006'];
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable/i;

/**
 * The database went away, also in the middle of a request: TypeORM then reports the lost connection on the
 * next statement of the transaction (its rollback included) as QueryRunnerAlreadyReleasedError, and pg
 * as a closed or errored client. By name and message, like GraphQLError above: TypeORM may be loaded twice.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error) && typeof error !== 'object') return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; driverError?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.includes(e.code)) return true;
  if (e.name === 'QueryRunnerAlreadyReleasedError') return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return e.driverError !== undefined && e.driverError !== error && isDatabaseUnavailable(e.driverError);
}

/** Formats one GraphQL error for the response: stable code, safe message, never a stack or SQL. */
export function formatGraphQLError(error: GraphQLError, exposeDebug: boolean): GraphQLFormattedError {
  const mapped = mapError(error);
  const extensions: Record<string, unknown> = { ...mapped.details, code: mapped.code };
  if (exposeDebug && mapped.unexpected) {
    const original = error.originalError ?? error;
    extensions.debug = { message: original.message, stack: original.stack?.split('\n').slice(0, 8) };
  }
  return {
    message: mapped.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions,
  };
}

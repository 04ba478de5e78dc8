import { ErrorCode } from './error-code.js';

/**
 * The one error type domain code throws. `message` is shown to the user as is, so it must say what went
 * wrong and what to do; `details` become extra `extensions` fields (e.g. the current version on a conflict).
 */
export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static badInput(message: string, argument?: string): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, message, argument ? { argument } : {});
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} was not found, or you do not have access to it.`);
  }

  static forbidden(message = 'You do not have permission to do this.'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message = 'Sign in, or send a valid API key, to do this.'): DomainError {
    return new DomainError(ErrorCode.UNAUTHENTICATED, message);
  }

  static conflict(message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError(ErrorCode.CONFLICT, message, details);
  }
}

/** The stable `extensions.code` values clients can rely on. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  /** The caller's partner is suspended: nothing can be drafted or submitted. */
  PARTNER_SUSPENDED = 'PARTNER_SUSPENDED',
  /** Publishing needs English and French for every text field; `extensions.missing` lists the field paths. */
  TRANSLATION_REQUIRED = 'TRANSLATION_REQUIRED',
  CAPACITY_EXCEEDED = 'CAPACITY_EXCEEDED',
  /** A request's kind-specific fields (issue #15): `extensions.fields` lists { path, code, message } per field. */
  INVALID_FIELDS = 'INVALID_FIELDS',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

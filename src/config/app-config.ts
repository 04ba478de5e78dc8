import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsEmail,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  validateSync,
  type ValidationError,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { isIP } from 'node:net';
import path from 'node:path';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** proxy-addr's names for ranges (as Fastify's trustProxy accepts them). */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** The entries of a comma-separated TRUST_PROXY value. */
export function proxyList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
}

function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

@ValidatorConstraint({ name: 'proxyList' })
class ProxyListConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && proxyList(value).every(isProxyEntry);
  }

  defaultMessage(): string {
    return 'TRUST_PROXY must be a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.5,172.16.0.0/12) or loopback, linklocal, uniquelocal; empty trusts no proxy';
  }
}

/**
 * Every environment variable the application reads, validated once at start.
 * Names are the environment variable names so error messages point at what to fix.
 */
export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Where people reach the web app: links in mail (invitations, password links) start with it. Unset: http://localhost:PORT. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'PUBLIC_URL must be an http:// or https:// URL without a query, e.g. https://portal.example.org' })
  PUBLIC_URL?: string;

  /** A PostgreSQL URL; when absent an embedded PostgreSQL is started under DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * The owner's URL (runs migrations, pg-boss's schema and the seed) when DATABASE_URL is the app's
   * unprivileged role. Unset: DATABASE_URL's role does both, and when it may create roles the app serves
   * as a login role of its own (src/database/database-roles.ts).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_MIGRATION_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_MIGRATION_URL?: string;

  /**
   * Streaming replicas of DATABASE_URL's server (comma-separated postgres:// URLs: host, port and database;
   * the role is the one the app serves as). Catalogue and list reads of GraphQL queries go to them.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^,]+(,\s*postgres(ql)?:\/\/[^,]+)*$/, { message: 'DATABASE_REPLICA_URLS must be comma-separated postgres:// URLs' })
  DATABASE_REPLICA_URLS?: string;

  /** After a caller's mutation, its reads stay on the primary this long (read your own writes). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  DATABASE_REPLICA_STICKY_SECONDS = 10;

  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  /** As root, where binaries and clusters the unprivileged PostgreSQL user cannot reach are staged. */
  @IsString()
  @MinLength(1)
  EMBEDDED_PG_STAGING_DIR = '/var/lib/partner-cooperation-portal';

  /** Restarts of an embedded PostgreSQL that died, with backoff (0.5 s doubling), before the app exits non-zero. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(20)
  EMBEDDED_PG_MAX_RESTARTS = 5;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @Transform(toBool)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  /** Seeds reference data (and the sample catalogue) when the database has none. */
  @Transform(toBool)
  @IsBoolean()
  SEED_ON_START = true;

  @Transform(toBool)
  @IsBoolean()
  SEED_SAMPLE_CATALOGUE = true;

  /** Milliseconds a shutdown waits for in-flight requests before closing connections. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_GRACE_MS = 10_000;

  /**
   * Proxies whose X-Forwarded-For (and -Proto, -Host) is believed, as Fastify's trustProxy list: the client
   * address is the first one in the header that is not a listed proxy. Empty (the default): the header is
   * ignored and the address is the socket's, as when clients reach the app directly (docker-compose.yml).
   * No hop count: it would believe whatever a client put in the header whenever the app is reachable
   * without the proxy.
   */
  @Validate(ProxyListConstraint)
  TRUST_PROXY = '';

  /** Largest accepted request body in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  // --- Documents: attachments, imports (issue #16) ---

  /** Largest attachment in bytes (the multipart upload endpoint stops reading past it). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

  /** Most attachments one request may carry (its comments' included; removed ones do not count). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  ATTACHMENT_MAX_PER_REQUEST = 20;

  /** Accepted kinds of file, decided from the content: any of pdf, png, jpg, docx, xlsx, txt, comma-separated. */
  @Matches(/^\s*(pdf|png|jpg|docx|xlsx|txt)(\s*,\s*(pdf|png|jpg|docx|xlsx|txt))*\s*$/, { message: 'ATTACHMENT_TYPES must be a comma-separated list of pdf, png, jpg, docx, xlsx, txt' })
  ATTACHMENT_TYPES = 'pdf,png,jpg,docx,xlsx,txt';

  /**
   * Where new attachments' bytes go: postgres (a bytea table, the default; backed up with the database) or s3 (an
   * S3-compatible bucket, S3_*). Each file remembers its store, so files kept before a change are still served.
   */
  @IsIn(['postgres', 's3'])
  ATTACHMENT_STORE: 'postgres' | 's3' = 'postgres';

  /** The S3-compatible endpoint (MinIO, Ceph, a cloud's), e.g. https://s3.eu-west-1.amazonaws.com; unset: the SDK's default for S3_REGION. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'S3_ENDPOINT must be an http:// or https:// URL' })
  S3_ENDPOINT?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  /** The bucket for attachments; required when ATTACHMENT_STORE=s3. */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.ATTACHMENT_STORE === 's3' || c.S3_BUCKET !== undefined)
  @IsString({ message: 'S3_BUCKET is required when ATTACHMENT_STORE=s3' })
  @MinLength(3, { message: 'S3_BUCKET is required when ATTACHMENT_STORE=s3' })
  S3_BUCKET?: string;

  /** Static credentials; unset: the SDK's default chain (environment, instance or pod role). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style addressing (https://host/bucket/key), which MinIO and most self-hosted stores need. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;

  /** Largest catalogue import file in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  IMPORT_MAX_BYTES = 5 * 1024 * 1024;

  // --- Operations ---

  /**
   * Prometheus metrics (`GET /metrics`) on a listener of their own, e.g. a port only the monitoring network
   * reaches. Unset (and no METRICS_TOKEN): no metrics are served.
   */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65_535)
  METRICS_PORT?: number;

  /** OTLP/HTTP collector (e.g. http://otel-collector:4318): traces are exported to `<it>/v1/traces`. Unset: no tracing. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsString()
  @MinLength(1)
  OTEL_SERVICE_NAME = 'partner-cooperation-portal';

  /** Address of the metrics listener (default: HOST). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  METRICS_HOST?: string;

  /** Bearer token for `GET /metrics` on the app's own port (at least 24 characters); without it only METRICS_PORT serves them. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'METRICS_TOKEN must be at least 24 characters (e.g. `openssl rand -hex 24`)' })
  METRICS_TOKEN?: string;

  // --- Identity and access ---

  /**
   * HS256 key for access tokens, at least 32 characters. Required in production. In development and test a
   * random key is made per process: access tokens live 15 minutes and the refresh cookie is checked against
   * the database, so a restart costs clients one silent refresh, and no key is ever written to disk.
   */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.JWT_SECRET !== undefined)
  @IsString({ message: 'JWT_SECRET must be set in production (e.g. `openssl rand -base64 48`)' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * More HS256 keys accepted on verify (comma-separated, each at least 32 characters), never used to sign: for
   * rotating JWT_SECRET across instances without signing anyone out (README, "Rotating secrets").
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[^,]{32,}(,[^,]{32,})*$/, { message: 'JWT_ACCEPTED_SECRETS must be comma-separated keys of at least 32 characters each' })
  JWT_ACCEPTED_SECRETS?: string;

  /**
   * Keys sealing the secrets the app reads back (TOTP seeds): `id:key` pairs, comma-separated, each key 32
   * random bytes in base64 (`echo "k1:$(openssl rand -base64 32)"`); the first seals, all open (rotation: README,
   * "Rotating secrets"). Required in production; development and test use a fixed, non-secret key.
   */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.SECRETS_KEYS !== undefined)
  @IsString({ message: 'SECRETS_KEYS must be set in production, e.g. k1:<32 random bytes in base64> (echo "k1:$(openssl rand -base64 32)")' })
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'SECRETS_KEYS must be comma-separated id:key pairs, each key 32 bytes in base64 (echo "k1:$(openssl rand -base64 32)")',
  })
  SECRETS_KEYS?: string;

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'partner-cooperation-portal';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'partner-cooperation-portal-api';

  /** Lifetime of an access token in seconds (15 minutes). */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** A session (refresh token family) ends this many days after sign-in, however often it is refreshed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  SESSION_TTL_DAYS = 14;

  /**
   * A refresh token exchanged this many seconds ago or less may be exchanged again (two tabs refreshing at
   * once): later, it coming back means it was copied, and the whole session is revoked. 0 for none.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  REFRESH_REUSE_GRACE_SECONDS = 10;

  /** With ADMIN_PASSWORD: creates this administrator at start when no active administrator exists. */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.ADMIN_EMAIL !== undefined || c.ADMIN_PASSWORD !== undefined)
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address (set it together with ADMIN_PASSWORD)' })
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.ADMIN_EMAIL !== undefined || c.ADMIN_PASSWORD !== undefined)
  @IsString({ message: 'ADMIN_PASSWORD must be set together with ADMIN_EMAIL' })
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  @MaxLength(128)
  ADMIN_PASSWORD?: string;

  /** Lets anonymous callers read the catalogue (every operation declared @Allow(ReadCatalogue)). */
  @Transform(toBool)
  @IsBoolean()
  CATALOGUE_PUBLIC = false;

  /**
   * Serves repeated catalogue and reference-list queries from memory (GraphQLResponseCache), dropped on every
   * committed change to the tables they are read from (ReadModelChanges).
   */
  @Transform(toBool)
  @IsBoolean()
  CATALOGUE_RESPONSE_CACHE = true;

  /** Cached responses kept per instance (least recently used dropped first). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  CATALOGUE_RESPONSE_CACHE_ENTRIES = 5000;

  /**
   * The longest a cached response is kept even without a change: answers that depend on the date (seats still
   * open, deadlines) are recomputed at least this often.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  CATALOGUE_RESPONSE_CACHE_TTL_SECONDS = 300;

  /** Failed sign-ins per account within the window before that account is throttled. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  /** Failed sign-ins per client address within the window before that address is throttled. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_MAX_FAILURES_PER_IP = 30;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86_400)
  LOGIN_THROTTLE_WINDOW_SECONDS = 900;

  /**
   * Administrators and the second factor. `prompt` (default): an administrator without one signs in as before and
   * is asked to enrol (the web app shows a banner); once enrolled, every sign-in needs a code. `enforce`: an
   * administrator without one signs in to a session that may only enrol (no administration) until they do.
   */
  @IsIn(['prompt', 'enforce'], { message: 'ADMIN_SECOND_FACTOR must be prompt or enforce' })
  ADMIN_SECOND_FACTOR: 'prompt' | 'enforce' = 'prompt';

  // --- Single sign-on (OpenID Connect); off unless OIDC_ISSUER is set. See the README's worked example. ---

  /** The identity provider's issuer URL (its discovery document is at /.well-known/openid-configuration). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_ISSUER must be an https:// URL (http:// only outside production)' })
  OIDC_ISSUER?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.OIDC_ISSUER !== undefined)
  @IsString({ message: 'OIDC_CLIENT_ID must be set together with OIDC_ISSUER' })
  OIDC_CLIENT_ID?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.OIDC_ISSUER !== undefined)
  @IsString({ message: 'OIDC_CLIENT_SECRET must be set together with OIDC_ISSUER' })
  OIDC_CLIENT_SECRET?: string;

  @IsString()
  OIDC_SCOPES = 'openid email profile';

  /** The redirect URI registered with the provider. Unset: PUBLIC_URL/auth/oidc/callback. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_REDIRECT_URI must be an http(s):// URL' })
  OIDC_REDIRECT_URI?: string;

  /** The claim (a string or a list of strings) whose values OIDC_ROLE_MAP turns into a role. */
  @IsString()
  OIDC_ROLE_CLAIM = 'groups';

  /** value=ROLE pairs, comma-separated, first match wins: e.g. "pcp-admins=ADMIN,cts=SECTION_STAFF". */
  @IsString()
  @Matches(/^([^=,\s]+=(PARTNER_LIAISON|SECTION_STAFF|COORDINATOR|ADMIN))?(,[^=,\s]+=(PARTNER_LIAISON|SECTION_STAFF|COORDINATOR|ADMIN))*$/, {
    message: 'OIDC_ROLE_MAP must be value=ROLE pairs separated by commas, ROLE one of PARTNER_LIAISON, SECTION_STAFF, COORDINATOR, ADMIN',
  })
  OIDC_ROLE_MAP = '';

  /** The role of a new account when no OIDC_ROLE_MAP value matches; unset: such a person is refused. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['PARTNER_LIAISON', 'SECTION_STAFF', 'COORDINATOR'], { message: 'OIDC_DEFAULT_ROLE must be PARTNER_LIAISON, SECTION_STAFF or COORDINATOR' })
  OIDC_DEFAULT_ROLE?: string;

  /** The claim holding section codes (staff) — a string or a list. */
  @IsString()
  OIDC_SECTIONS_CLAIM = 'pcp_sections';

  /** The claim holding partner codes (a liaison officer's partner, a coordinator's covered partners). */
  @IsString()
  OIDC_PARTNERS_CLAIM = 'pcp_partners';

  /** "Forgot password" requests from one address per LOGIN_THROTTLE_WINDOW_SECONDS; more are RATE_LIMITED (whatever the email). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  PASSWORD_RESET_MAX_PER_IP = 20;

  /**
   * Refused mutations (FORBIDDEN, NOT_FOUND, UNAUTHENTICATED) recorded in the audit trail per caller (user,
   * API key, or address when anonymous) per minute; the last one says that further refusals go unrecorded
   * until the minute has passed, so a flood cannot fill the trail.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  AUDIT_DENIALS_PER_MINUTE = 20;

  // --- Requests and notifications ---

  /** Section that receives requests no routing rule matches and no offering owns. */
  @IsString()
  @Matches(/^[A-Z0-9_]{1,64}$/, { message: 'DEFAULT_SECTION_CODE must be a section code, e.g. PASP_PARTNERSHIPS' })
  DEFAULT_SECTION_CODE = 'PASP_PARTNERSHIPS';

  /** smtp:// or smtps:// URL of the mail relay; unset: mail is recorded and logged, not sent. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsEmail({}, { message: 'MAIL_FROM must be an email address' })
  MAIL_FROM = 'partner-cooperation@example.nato.int';

  /** Runs the background workers (mail delivery) in this process; tests that do not need them turn them off. */
  @Transform(toBool)
  @IsBoolean()
  WORKERS_ENABLED = true;

  /** How often an idle worker looks for new jobs, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  WORKER_POLL_SECONDS = 2;

  /** Attempts after the first before a mail is given up (with exponential backoff from MAIL_RETRY_DELAY_SECONDS). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(50)
  MAIL_RETRY_LIMIT = 8;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_RETRY_DELAY_SECONDS = 30;

  /** When the daily digest of notices is mailed (cron, UTC; pg-boss runs it once across instances). */
  @IsString()
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'MAIL_DIGEST_CRON must be a five-field cron expression, e.g. 0 7 * * *' })
  MAIL_DIGEST_CRON = '0 7 * * *';

  // --- Outbound webhooks (issue #16) ---

  /**
   * Lets webhook endpoints point at loopback, private and link-local addresses. Off by default (server-side
   * request forgery); tests and a receiver on the same host need it on.
   */
  @Transform(toBool)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES = false;

  /** Retries after the first attempt of a delivery, with exponential backoff from WEBHOOK_RETRY_DELAY_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(50)
  WEBHOOK_RETRY_LIMIT = 8;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  WEBHOOK_RETRY_DELAY_SECONDS = 30;

  /** Failed attempts in a row (over all its deliveries) after which an endpoint is disabled and administrators told. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_DISABLE_AFTER_FAILURES = 15;

  /** How long a receiver has to answer one delivery. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  // --- Seats and nominations (issue #14) ---

  /** Days a partner has to confirm a freed seat offered to a waitlisted nominee before it passes to the next one. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  SEAT_OFFER_CONFIRM_DAYS = 5;

  /** Days before an iteration starts from which the partner may only substitute nominees, and only with staff approval. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  NOMINEE_CHANGE_WINDOW_DAYS = 42;

  // --- GraphQL limits, checked before any resolver runs ---

  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 12;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_ALIASES = 30;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(100_000)
  GRAPHQL_MAX_TOKENS = 3000;

  /** The most objects a document may be able to return, counted with list sizes and page sizes (query-cost.ts). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(1_000_000)
  GRAPHQL_MAX_COST = 5000;

  /** The most objects resolvers may return while one response executes; past it the response is stopped. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(10_000_000)
  GRAPHQL_MAX_RESPONSE_OBJECTS = 10_000;

  /** Execution time budget of one GraphQL query in milliseconds; past it the response is stopped (mutations run to the end). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  GRAPHQL_EXECUTION_TIMEOUT_MS = 10_000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get trustedProxies(): string[] {
    return proxyList(this.TRUST_PROXY);
  }

  /** The web app's address, without a trailing slash. */
  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }

  get isDevelopment(): boolean {
    return this.NODE_ENV === 'development';
  }

  get replicaUrls(): string[] {
    return (this.DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  }

  get attachmentTypes(): string[] {
    return this.ATTACHMENT_TYPES.split(',').map((t) => t.trim()).filter((t) => t !== '');
  }

  get dataDir(): string {
    return path.resolve(this.DATA_DIR);
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[], raw: Record<string, string>): string[] {
  return errors.flatMap((e) => {
    const shown = JSON.stringify(raw[e.property] ?? e.value);
    return Object.values(e.constraints ?? {}).map((m) => `${e.property}=${shown}: ${m}`);
  });
}

/** Every property with a validation rule is a variable, optional ones (no default) included. */
function configVariableNames(): Set<string> {
  const rules = getMetadataStorage().getTargetValidationMetadatas(AppConfig, '', true, false);
  return new Set([...Object.keys(new AppConfig()), ...rules.map((r) => r.propertyName)]);
}

/** Builds the configuration from an environment map; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = configVariableNames();
  const picked: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (known.has(key) && value !== undefined) picked[key] = value;
  }
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(describe(errors, picked));
  return config;
}

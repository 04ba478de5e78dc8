import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';
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

  /** A PostgreSQL URL; when absent an embedded PostgreSQL is started under DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  /** As root, where binaries and clusters the unprivileged PostgreSQL user cannot reach are staged. */
  @IsString()
  @MinLength(1)
  EMBEDDED_PG_STAGING_DIR = '/var/lib/partner-cooperation-portal';

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

  /** Largest accepted request body in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get isDevelopment(): boolean {
    return this.NODE_ENV === 'development';
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

/** Builds the configuration from an environment map; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = new Set(Object.keys(new AppConfig()).concat(['DATABASE_URL']));
  const picked: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (known.has(key) && value !== undefined) picked[key] = value;
  }
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(describe(errors, picked));
  return config;
}

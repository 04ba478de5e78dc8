import { Injectable } from '@nestjs/common';
import type { ApiKeyScope } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import { ApiKey } from './api-key.entity.js';

/** An API key as its row, without the secret's hash. */
export type ApiKeyEntityRow = Omit<ApiKey, 'secretHash'>;

/** What authenticating with a key needs. */
export interface ApiKeyCredentialRow {
  id: string;
  scope: ApiKeyScope;
  partnerId: string | null;
  sectionId: string | null;
  personalData: boolean;
  lastUsedAt: Date | null;
}

export interface NewApiKey {
  name: string;
  scope: ApiKeyScope;
  partnerId: string | null;
  sectionId: string | null;
  personalData: boolean;
  prefix: string;
  secretHash: Buffer;
  createdById: string | null;
  expiresAt: Date | null;
}

const KEY = `k.id, k.name, k.scope, k.partner_id AS "partnerId", k.section_id AS "sectionId", k.personal_data AS "personalData", k.prefix, k.created_by_id AS "createdById",
  k.created_at AS "createdAt", k.expires_at AS "expiresAt", k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt"`;

const toApiKey = (row: ApiKeyEntityRow): ApiKey => Object.assign(new ApiKey(), row);

/** Every statement on api_key. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The live key of this secret hash: on every integration request, so one indexed read on the pool (Sql,
   * no query runner), as before.
   */
  async live(ctx: RequestContext, secretHash: Buffer): Promise<ApiKeyCredentialRow | undefined> {
    return this.sql.one<ApiKeyCredentialRow>(
      ctx,
      `SELECT id, scope, partner_id AS "partnerId", section_id AS "sectionId", personal_data AS "personalData", last_used_at AS "lastUsedAt" FROM api_key
        WHERE secret_hash = :secretHash AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      { secretHash },
    );
  }

  /** Sets last_used_at unless it was set less than `intervalSeconds` ago (throttled in SQL, so concurrent requests write once). */
  async touch(ctx: RequestContext, id: string, intervalSeconds: number): Promise<boolean> {
    const touched = await this.sql.execute(
      ctx,
      `UPDATE api_key SET last_used_at = now()
        WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= now() - make_interval(secs => :intervalSeconds))`,
      { id, intervalSeconds },
    );
    return touched > 0;
  }

  async nameOf(ctx: RequestContext, id: string): Promise<string | undefined> {
    return (await this.sql.one<{ name: string }>(ctx, 'SELECT name FROM api_key WHERE id = :id', { id }))?.name;
  }

  async insert(ctx: RequestContext, key: NewApiKey): Promise<ApiKey> {
    const row = await this.sql.one<ApiKeyEntityRow>(
      ctx,
      `INSERT INTO api_key AS k (name, scope, partner_id, section_id, personal_data, prefix, secret_hash, created_by_id, expires_at)
       VALUES (:name, :scope, :partnerId, :sectionId, :personalData, :prefix, :secretHash, :createdById, :expiresAt) RETURNING ${KEY}`,
      { ...key },
    );
    return toApiKey(row!);
  }

  /** The key, row-locked until the unit of work ends. */
  async lock(ctx: RequestContext, id: string): Promise<ApiKey | null> {
    const row = await this.sql.one<ApiKeyEntityRow>(ctx, `SELECT ${KEY} FROM api_key k WHERE k.id = :id FOR UPDATE`, { id });
    return row ? toApiKey(row) : null;
  }

  /** Revokes the key now; returns the time it was revoked. */
  async revoke(ctx: RequestContext, id: string): Promise<Date> {
    return (await this.sql.one<{ revokedAt: Date }>(ctx, 'UPDATE api_key SET revoked_at = now() WHERE id = :id RETURNING revoked_at AS "revokedAt"', { id }))!.revokedAt;
  }

  /** Newest first, at most `limit`; revoked keys only when asked. */
  async list(ctx: RequestContext, includeRevoked: boolean, limit: number): Promise<ApiKey[]> {
    const rows = await this.sql.rows<ApiKeyEntityRow>(
      ctx,
      `SELECT ${KEY} FROM api_key k ${includeRevoked ? '' : 'WHERE k.revoked_at IS NULL'} ORDER BY k.created_at DESC LIMIT :limit`,
      { limit },
    );
    return rows.map(toApiKey);
  }
}

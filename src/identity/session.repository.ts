import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';

/** A refresh token presented for exchange, with its session, row-locked. */
export interface PresentedRefreshRow {
  id: string;
  rotatedAt: Date | null;
  /** Exchanged within the grace period: a second tab's refresh, not reuse. */
  justRotated: boolean;
  sessionId: string;
  userId: string;
  expiresAt: Date;
  /** Session not revoked, not expired, user active. */
  live: boolean;
}

export interface OpenSessionRow {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  method: 'password' | 'oidc';
}

/** Every statement on sessions (auth_session) and their rotating refresh tokens (refresh_token). */
@Injectable()
export class SessionRepository {
  constructor(private readonly sql: Sql) {}

  async insertSession(ctx: RequestContext, session: { userId: string; expiresAt: Date; ip: string | null; userAgent: string | null; method: 'password' | 'oidc' }): Promise<string> {
    const row = await this.sql.one<{ id: string }>(
      ctx,
      'INSERT INTO auth_session (user_id, expires_at, ip, user_agent, method) VALUES (:userId, :expiresAt, :ip, :userAgent, :method) RETURNING id',
      { ...session },
    );
    return row!.id;
  }

  async insertRefreshToken(ctx: RequestContext, sessionId: string, tokenHash: Buffer): Promise<void> {
    await this.sql.execute(ctx, 'INSERT INTO refresh_token (session_id, token_hash) VALUES (:sessionId, :tokenHash)', { sessionId, tokenHash });
  }

  /**
   * The refresh token of this hash and its session, both row-locked until the unit of work ends: two
   * refreshes with the same token run one after the other.
   */
  async lockPresented(ctx: RequestContext, tokenHash: Buffer, graceSeconds: number): Promise<PresentedRefreshRow | undefined> {
    return this.sql.one<PresentedRefreshRow>(
      ctx,
      `SELECT rt.id, rt.rotated_at AS "rotatedAt", s.id AS "sessionId", s.user_id AS "userId", s.expires_at AS "expiresAt",
              coalesce(rt.rotated_at >= now() - make_interval(secs => :graceSeconds), false) AS "justRotated",
              (s.revoked_at IS NULL AND s.expires_at > now() AND u.active) AS live
         FROM refresh_token rt
         JOIN auth_session s ON s.id = rt.session_id
         JOIN app_user u ON u.id = s.user_id
        WHERE rt.token_hash = :tokenHash
        FOR UPDATE OF rt, s`,
      { tokenHash, graceSeconds },
    );
  }

  async markRotated(ctx: RequestContext, refreshTokenId: string): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE refresh_token SET rotated_at = now() WHERE id = :refreshTokenId', { refreshTokenId });
  }

  async touch(ctx: RequestContext, sessionId: string, ip: string | null): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE auth_session SET last_used_at = now(), ip = coalesce(:ip, ip) WHERE id = :sessionId', { sessionId, ip });
  }

  /** The user's open sessions (not revoked, not expired), most recently used first. */
  async openOfUser(ctx: RequestContext, userId: string, limit: number): Promise<OpenSessionRow[]> {
    return this.sql.rows<OpenSessionRow>(
      ctx,
      `SELECT id, created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt", ip, user_agent AS "userAgent", method
         FROM auth_session WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > now()
        ORDER BY last_used_at DESC, id LIMIT :limit`,
      { userId, limit },
    );
  }

  /** Ends one open session of the user; false when there is none of that id (another user's, ended, unknown). */
  async revokeOfUser(ctx: RequestContext, userId: string, sessionId: string, reason: string): Promise<boolean> {
    return (await this.sql.execute(ctx, 'UPDATE auth_session SET revoked_at = now(), revoked_reason = :reason WHERE id = :sessionId AND user_id = :userId AND revoked_at IS NULL', { sessionId, userId, reason })) === 1;
  }

  /** The unrevoked session a refresh token (rotated or not) belongs to. */
  async openSessionOfToken(ctx: RequestContext, tokenHash: Buffer): Promise<{ sessionId: string; userId: string } | undefined> {
    return this.sql.one(
      ctx,
      `SELECT s.id AS "sessionId", s.user_id AS "userId" FROM refresh_token rt JOIN auth_session s ON s.id = rt.session_id
        WHERE rt.token_hash = :tokenHash AND s.revoked_at IS NULL`,
      { tokenHash },
    );
  }

  async revoke(ctx: RequestContext, sessionId: string, reason: string): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE auth_session SET revoked_at = now(), revoked_reason = :reason WHERE id = :sessionId AND revoked_at IS NULL', { sessionId, reason });
  }

  /** Ends every open session of the user; returns how many. */
  async revokeAllOfUser(ctx: RequestContext, userId: string, reason: string): Promise<number> {
    return this.sql.execute(ctx, 'UPDATE auth_session SET revoked_at = now(), revoked_reason = :reason WHERE user_id = :userId AND revoked_at IS NULL', { userId, reason });
  }
}

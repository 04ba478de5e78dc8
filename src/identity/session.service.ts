import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import { AuthSession } from './auth-session.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { randomToken, sha256 } from './secrets.js';

export interface StartedSession {
  sessionId: string;
  refreshToken: string;
  expiresAt: Date;
}

export type RotateResult =
  | { kind: 'rotated'; userId: string; session: StartedSession }
  | { kind: 'invalid' }
  | { kind: 'reused'; userId: string };

/**
 * Sessions and their rotating refresh tokens. Every refresh exchanges the presented token for a new one;
 * presenting an already exchanged token means it was copied, so the whole session (family) is revoked,
 * unless it was exchanged within REFRESH_REUSE_GRACE_SECONDS: tabs of one browser share the cookie and
 * may refresh at the same moment, and that must not sign the user out.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async start(manager: EntityManager, userId: string, ip: string | undefined, userAgent: string | undefined): Promise<StartedSession> {
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_DAYS * 86_400_000);
    const session = await manager.save(manager.create(AuthSession, { userId, expiresAt, ip: ip ?? null, userAgent: userAgent ?? null }));
    const refreshToken = randomToken();
    await manager.insert(RefreshToken, { sessionId: session.id, tokenHash: sha256(refreshToken) });
    return { sessionId: session.id, refreshToken, expiresAt };
  }

  async rotate(ctx: RequestContext, presented: string): Promise<RotateResult> {
    return this.dataSource.transaction(async (m) => {
      // The row lock makes two refreshes with the same token run one after the other: the second is reuse,
      // or, within the grace period, a second tab's refresh.
      const rows: Array<{ id: string; rotated_at: Date | null; just_rotated: boolean; session_id: string; user_id: string; expires_at: Date; live: boolean }> = await m.query(
        `SELECT rt.id, rt.rotated_at, s.id AS session_id, s.user_id, s.expires_at,
                coalesce(rt.rotated_at >= now() - make_interval(secs => $2), false) AS just_rotated,
                (s.revoked_at IS NULL AND s.expires_at > now() AND u.active) AS live
           FROM refresh_token rt
           JOIN auth_session s ON s.id = rt.session_id
           JOIN app_user u ON u.id = s.user_id
          WHERE rt.token_hash = $1
          FOR UPDATE OF rt, s`,
        [sha256(presented), this.config.REFRESH_REUSE_GRACE_SECONDS],
      );
      const row = rows[0];
      if (!row || !row.live) return { kind: 'invalid' } as const;
      if (row.rotated_at && !row.just_rotated) {
        await this.revokeSession(m, row.session_id, 'refresh_reuse');
        await this.audit.record(ctx.withTransaction(m), 'auth.refresh_reuse', { type: 'User', id: row.user_id }, { sessionId: row.session_id });
        return { kind: 'reused', userId: row.user_id } as const;
      }
      // A second exchange within the grace period keeps the first one's time: the period never stretches.
      if (!row.rotated_at) await m.update(RefreshToken, { id: row.id }, { rotatedAt: () => 'now()' });
      const refreshToken = randomToken();
      await m.insert(RefreshToken, { sessionId: row.session_id, tokenHash: sha256(refreshToken) });
      return { kind: 'rotated', userId: row.user_id, session: { sessionId: row.session_id, refreshToken, expiresAt: row.expires_at } } as const;
    });
  }

  /** Ends the session the presented refresh token belongs to (rotated or not). Returns its user, if any. */
  async endByRefreshToken(ctx: RequestContext, presented: string): Promise<string | undefined> {
    return this.dataSource.transaction(async (m) => {
      const rows: Array<{ session_id: string; user_id: string }> = await m.query(
        `SELECT s.id AS session_id, s.user_id FROM refresh_token rt JOIN auth_session s ON s.id = rt.session_id
          WHERE rt.token_hash = $1 AND s.revoked_at IS NULL`,
        [sha256(presented)],
      );
      const row = rows[0];
      if (!row) return undefined;
      await this.revokeSession(m, row.session_id, 'logout');
      await this.audit.record(ctx.withTransaction(m), 'auth.logout', { type: 'User', id: row.user_id }, { sessionId: row.session_id });
      return row.user_id;
    });
  }

  async revokeAllOfUser(manager: EntityManager, userId: string, reason: string): Promise<number> {
    const [, count]: [unknown[], number] = await manager.query(
      'UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL',
      [userId, reason],
    );
    return count;
  }

  private async revokeSession(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    await manager.query('UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, reason]);
  }
}

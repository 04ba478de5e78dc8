import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import { randomToken, sha256 } from './secrets.js';
import { SessionRepository, type OpenSessionRow } from './session.repository.js';
import { DomainError } from '../common/errors/domain-error.js';
import { isUUID } from 'class-validator';

/** A person has a handful of sessions; the list shows the most recently used ones. */
export const MAX_LISTED_SESSIONS = 50;

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
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: SessionRepository,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Starts a session in the caller's unit of work (`tx`), with its first refresh token. */
  async start(tx: RequestContext, userId: string, ip: string | undefined, userAgent: string | undefined, method: 'password' | 'oidc' = 'password'): Promise<StartedSession> {
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_DAYS * 86_400_000);
    const sessionId = await this.sessions.insertSession(tx, { userId, expiresAt, ip: ip ?? null, userAgent: userAgent ?? null, method });
    const refreshToken = randomToken();
    await this.sessions.insertRefreshToken(tx, sessionId, sha256(refreshToken));
    return { sessionId, refreshToken, expiresAt };
  }

  async rotate(ctx: RequestContext, presented: string): Promise<RotateResult> {
    return this.unitOfWork.run(ctx, async (tx) => {
      // The row lock makes two refreshes with the same token run one after the other: the second is reuse,
      // or, within the grace period, a second tab's refresh.
      const row = await this.sessions.lockPresented(tx, sha256(presented), this.config.REFRESH_REUSE_GRACE_SECONDS);
      if (!row || !row.live) return { kind: 'invalid' } as const;
      if (row.rotatedAt && !row.justRotated) {
        await this.sessions.revoke(tx, row.sessionId, 'refresh_reuse');
        await this.audit.record(tx, 'auth.refresh_reuse', { type: 'User', id: row.userId }, { sessionId: row.sessionId });
        return { kind: 'reused', userId: row.userId } as const;
      }
      // A second exchange within the grace period keeps the first one's time: the period never stretches.
      if (!row.rotatedAt) await this.sessions.markRotated(tx, row.id);
      await this.sessions.touch(tx, row.sessionId, tx.ip ?? null);
      const refreshToken = randomToken();
      await this.sessions.insertRefreshToken(tx, row.sessionId, sha256(refreshToken));
      return { kind: 'rotated', userId: row.userId, session: { sessionId: row.sessionId, refreshToken, expiresAt: row.expiresAt } } as const;
    });
  }

  /** Ends the session the presented refresh token belongs to (rotated or not). Returns its user, if any. */
  async endByRefreshToken(ctx: RequestContext, presented: string): Promise<string | undefined> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const row = await this.sessions.openSessionOfToken(tx, sha256(presented));
      if (!row) return undefined;
      await this.sessions.revoke(tx, row.sessionId, 'logout');
      await this.audit.record(tx, 'auth.logout', { type: 'User', id: row.userId }, { sessionId: row.sessionId });
      return row.userId;
    });
  }

  /** The caller's own open sessions, most recently used first. */
  async listOwn(ctx: RequestContext): Promise<(OpenSessionRow & { current: boolean })[]> {
    const actor = ctx.actor;
    if (actor?.kind !== 'user') throw DomainError.forbidden('Only people signed in have sessions to list.');
    const rows = await this.sessions.openOfUser(ctx, actor.id, MAX_LISTED_SESSIONS);
    return rows.map((r) => ({ ...r, current: r.id === actor.sessionId }));
  }

  /** Ends one of the caller's own sessions (this one included): its access and refresh tokens stop working at once. */
  async endOwn(ctx: RequestContext, sessionId: string): Promise<boolean> {
    const actor = ctx.actor;
    if (actor?.kind !== 'user') throw DomainError.forbidden('Only people signed in have sessions to end.');
    if (!isUUID(sessionId)) throw DomainError.badInput('id must be the id of one of your sessions (from mySessions).', 'id');
    return this.unitOfWork.run(ctx, async (tx) => {
      if (!(await this.sessions.revokeOfUser(tx, actor.id, sessionId, 'ended_by_user'))) throw DomainError.notFound('This session');
      await this.audit.record(tx, 'auth.session_ended', { type: 'User', id: actor.id }, { sessionId, current: sessionId === actor.sessionId });
      return true;
    });
  }

  /** Ends every open session of the user, in the caller's unit of work; returns how many. */
  revokeAllOfUser(tx: RequestContext, userId: string, reason: string): Promise<number> {
    return this.sessions.revokeAllOfUser(tx, userId, reason);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { checkPassword } from './password-policy.js';
import { PasswordService } from './password.service.js';
import { PasswordToken, type PasswordTokenPurpose } from './password-token.entity.js';
import { randomToken, sha256 } from './secrets.js';
import { SessionService } from './session.service.js';
import { User } from './user.entity.js';

/** An invitation waits a week for the person to act; a reset a day. */
const TOKEN_LIFETIME_MS: Record<PasswordTokenPurpose, number> = { INVITE: 7 * 86_400_000, RESET: 86_400_000 };

export const BAD_PASSWORD_TOKEN_MESSAGE = 'This link to set a password is invalid, used or expired. Ask an administrator for a new one.';

/** One-time tokens to set a password, and setting it. */
@Injectable()
export class PasswordTokenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  /** Issues a new token and voids any earlier unused one of the user. */
  async issue(manager: EntityManager, userId: string, purpose: PasswordTokenPurpose): Promise<{ token: string; expiresAt: Date }> {
    await manager.query('UPDATE password_token SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [userId]);
    const token = randomToken();
    const expiresAt = new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]);
    await manager.insert(PasswordToken, { userId, tokenHash: sha256(token), purpose, expiresAt });
    return { token, expiresAt };
  }

  async setPassword(ctx: RequestContext, token: string, password: string): Promise<boolean> {
    const found = await this.dataSource.query(
      `SELECT t.id, u.id AS user_id, u.email, u.display_name FROM password_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.active`,
      [sha256(token)],
    );
    const row = (found as Array<{ id: string; user_id: string; email: string; display_name: string }>)[0];
    if (!row) throw DomainError.badInput(BAD_PASSWORD_TOKEN_MESSAGE, 'token');
    checkPassword(password, { email: row.email, displayName: row.display_name });
    const hash = await this.passwords.hash(password);

    await this.dataSource.transaction(async (m) => {
      // Only one of two concurrent uses of the same token wins.
      const [, used]: [unknown[], number] = await m.query('UPDATE password_token SET used_at = now() WHERE id = $1 AND used_at IS NULL', [row.id]);
      if (used !== 1) throw DomainError.badInput(BAD_PASSWORD_TOKEN_MESSAGE, 'token');
      await m.update(User, { id: row.user_id }, { passwordHash: hash });
      await this.sessions.revokeAllOfUser(m, row.user_id, 'password_set');
      await this.audit.record(ctx.withTransaction(m), 'user.password_set', { type: 'User', id: row.user_id }, {});
    });
    return true;
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { checkPassword } from './password-policy.js';
import { PasswordService } from './password.service.js';
import type { PasswordTokenPurpose } from './password-token.entity.js';
import { randomToken, sha256 } from './secrets.js';
import { SessionService } from './session.service.js';
import { UserRepository } from './user.repository.js';

/** An invitation waits a week for the person to act; a reset a day. */
const TOKEN_LIFETIME_MS: Record<PasswordTokenPurpose, number> = { INVITE: 7 * 86_400_000, RESET: 86_400_000 };

export const BAD_PASSWORD_TOKEN_MESSAGE = 'This link to set a password is invalid, used or expired. Ask an administrator for a new one.';

/** One-time tokens to set a password, and setting it. */
@Injectable()
export class PasswordTokenService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  /** Issues a new token in the caller's unit of work (`tx`) and voids any earlier unused one of the user. */
  async issue(tx: RequestContext, userId: string, purpose: PasswordTokenPurpose): Promise<{ token: string; expiresAt: Date }> {
    const token = randomToken();
    const expiresAt = new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]);
    await this.users.replacePasswordToken(tx, { userId, tokenHash: sha256(token), purpose, expiresAt });
    return { token, expiresAt };
  }

  async setPassword(ctx: RequestContext, token: string, password: string): Promise<boolean> {
    const row = await this.users.usablePasswordToken(ctx, sha256(token));
    if (!row) throw DomainError.badInput(BAD_PASSWORD_TOKEN_MESSAGE, 'token');
    checkPassword(password, { email: row.email, displayName: row.displayName });
    const hash = await this.passwords.hash(password);

    await this.unitOfWork.run(ctx, async (tx) => {
      // Only one of two concurrent uses of the same token wins.
      if (!(await this.users.usePasswordToken(tx, row.id))) throw DomainError.badInput(BAD_PASSWORD_TOKEN_MESSAGE, 'token');
      await this.users.setPasswordHash(tx, row.userId, hash);
      await this.sessions.revokeAllOfUser(tx, row.userId, 'password_set');
      await this.audit.record(tx, 'user.password_set', { type: 'User', id: row.userId });
    });
    return true;
  }
}

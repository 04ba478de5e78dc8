import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AuditService } from '../../audit/audit.service.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { LoginThrottleService, type LoginAttempt } from '../login-throttle.service.js';
import { MAX_PASSWORD_LENGTH } from '../password-policy.js';
import { PasswordService } from '../password.service.js';
import { UserRepository, type LoginUserRow } from '../user.repository.js';
import type { CredentialRequest } from './credential-request.js';

export const LOGIN_FAILED_MESSAGE = 'The email address or password is incorrect.';

/** A local account whose password matched, with its throttle reservation (given back once signed in). */
export interface LocalSignIn {
  user: LoginUserRow;
  attempt: LoginAttempt;
  password: string;
}

/**
 * Email and password (passport-local, fields `email` and `password`). Every attempt first reserves a place in
 * the sign-in throttle (RATE_LIMITED when full), unknown accounts still pay for one verification so timing does
 * not tell which emails exist, and a failure is audited with its reason; the message is the same for all.
 */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(request: CredentialRequest, email: string, password: string): Promise<[LocalSignIn] | [false, { message: string }]> {
    const { ctx } = request;
    const account = email.trim().toLowerCase();
    const attempt = await this.throttle.reserve(ctx, account, ctx.ip ?? 'unknown');
    const user = await this.users.forLogin(ctx, account);
    // A password longer than any the policy accepts cannot match, and is not worth hashing.
    const passwordOk = password.length <= MAX_PASSWORD_LENGTH * 4 && (await this.passwords.verify(user?.passwordHash, password));
    if (user && user.active && passwordOk) return [{ user, attempt, password }];
    const reason = !user ? 'unknown_account' : !user.active ? 'inactive' : 'wrong_password';
    await this.unitOfWork.run(ctx, async (tx) => {
      await this.throttle.failed(tx);
      await this.audit.record(tx, 'auth.login_failed', user ? { type: 'User', id: user.id } : null, { email: account, reason });
    });
    return [false, { message: LOGIN_FAILED_MESSAGE }];
  }
}

import { Injectable } from '@nestjs/common';
import type { AuthHttp } from '../common/auth/auth-http.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { AuditService } from '../audit/audit.service.js';
import { ActorLoader } from './actor-loader.js';
import type { AuthPayload } from './dto/viewer.type.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { LOGIN_FAILED_MESSAGE, LocalStrategy, type LocalSignIn } from './passport/local.strategy.js';
import { runStrategy } from './passport/run-strategy.js';
import { PasswordService } from './password.service.js';
import { SECOND_FACTOR_FAILED_MESSAGE, SECOND_FACTOR_REQUIRED_MESSAGE, SecondFactorService } from './second-factor.service.js';
import { SessionService, type StartedSession } from './session.service.js';
import { TokenService } from './token.service.js';
import { UserRepository } from './user.repository.js';
import { ViewerService } from './viewer.service.js';

export { LOGIN_FAILED_MESSAGE } from './passport/local.strategy.js';
export const NO_SESSION_MESSAGE = 'There is no session to refresh. Sign in again.';

/** Sign-in, refresh and sign-out: the three ways a session starts, continues and ends. */
@Injectable()
export class LoginService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly local: LocalStrategy,
    private readonly secondFactor: SecondFactorService,
    private readonly actors: ActorLoader,
    private readonly viewers: ViewerService,
    private readonly audit: AuditService,
  ) {}

  async login(ctx: RequestContext, http: AuthHttp, email: string, password: string, oneTimeCode?: string | null): Promise<AuthPayload> {
    // The local strategy checks the password (throttled, failures audited); this checks the second factor and starts the session.
    const outcome = await runStrategy<LocalSignIn>(this.local, { ctx, http, body: { email, password } });
    if (!outcome.ok) throw DomainError.unauthenticated(LOGIN_FAILED_MESSAGE);
    const { user, attempt } = outcome.user;
    let secondFactor: 'none' | 'totp' | 'recovery_code' = 'none';
    if (user.totpSecret) {
      // Until a code completes it, the attempt keeps its place in the sign-in throttle: codes are guessed at most
      // LOGIN_MAX_FAILURES_PER_ACCOUNT times per window, even by someone who knows the password.
      if (!oneTimeCode?.trim()) throw new DomainError(ErrorCode.UNAUTHENTICATED, SECOND_FACTOR_REQUIRED_MESSAGE, { secondFactorRequired: true });
      const check = await this.unitOfWork.run(ctx, (tx) => this.secondFactor.verifyAtSignIn(tx, user, oneTimeCode));
      if (!check.ok) {
        await this.unitOfWork.run(ctx, async (tx) => {
          await this.throttle.failed(tx);
          await this.audit.record(tx, 'auth.second_factor_failed', { type: 'User', id: user.id });
        });
        throw new DomainError(ErrorCode.UNAUTHENTICATED, SECOND_FACTOR_FAILED_MESSAGE, { secondFactorRequired: true });
      }
      secondFactor = check.recoveryCodeUsed ? 'recovery_code' : 'totp';
    }
    const upgraded = this.passwords.needsRehash(user.passwordHash!) ? await this.passwords.hash(password) : undefined;
    const session = await this.unitOfWork.run(ctx, async (tx) => {
      await this.users.recordLogin(tx, user.id, upgraded);
      await this.throttle.succeeded(tx, attempt);
      const started = await this.sessions.start(tx, user.id, ctx.ip, http.userAgent);
      ctx.actor = tx.actor = await this.actors.forSession(tx, user.id, started.sessionId);
      await this.audit.record(tx, 'auth.login', { type: 'User', id: user.id }, { sessionId: started.sessionId, passwordRehashed: Boolean(upgraded), secondFactor });
      return started;
    });
    return this.issue(ctx, http, user.id, session);
  }

  async refresh(ctx: RequestContext, http: AuthHttp): Promise<AuthPayload> {
    const presented = http.readRefreshToken();
    if (!presented) throw DomainError.unauthenticated(NO_SESSION_MESSAGE);
    const result = await this.sessions.rotate(ctx, presented);
    if (result.kind !== 'rotated') {
      http.clearRefreshToken();
      throw DomainError.unauthenticated(NO_SESSION_MESSAGE);
    }
    ctx.actor = await this.actors.forSession(ctx, result.userId, result.session.sessionId);
    return this.issue(ctx, http, result.userId, result.session);
  }

  /** Ends the session of the refresh cookie; succeeds even when there is none, so it can always be called. */
  async logout(ctx: RequestContext, http: AuthHttp): Promise<boolean> {
    const presented = http.readRefreshToken();
    if (presented) await this.sessions.endByRefreshToken(ctx, presented);
    http.clearRefreshToken();
    return true;
  }

  private async issue(ctx: RequestContext, http: AuthHttp, userId: string, session: StartedSession): Promise<AuthPayload> {
    if (!ctx.actor) throw DomainError.unauthenticated(NO_SESSION_MESSAGE);
    const access = await this.tokens.issue({ sub: userId, sid: session.sessionId });
    http.setRefreshToken(session.refreshToken, session.expiresAt);
    return { accessToken: access.token, tokenType: 'Bearer', expiresAt: access.expiresAt, viewer: await this.viewers.describe(ctx, ctx.actor) };
  }
}

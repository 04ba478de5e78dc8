import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { RateLimitRepository } from '../common/rate-limit/rate-limit.repository.js';
import { AppConfig } from '../config/app-config.js';

/** A sign-in attempt that holds a place in both windows until it is known to have succeeded. */
export interface LoginAttempt {
  accountKey: string;
  ipKey: string;
  at: string;
}

/**
 * Sliding-window limits on sign-in attempts, per account and per client address, kept in PostgreSQL so every
 * instance sees the same counts. Every attempt first reserves a place in both windows with one atomic
 * statement, before any password hashing: at any concurrency at most LOGIN_MAX_FAILURES_PER_ACCOUNT
 * attempts on one account (and LOGIN_MAX_FAILURES_PER_IP from one address) reach the hash per window, and
 * a flood costs one indexed statement per attempt. A failure keeps its place; a success gives the
 * address's place back and forgives the account's failures (not the address's).
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly windows: RateLimitRepository,
    private readonly config: AppConfig,
  ) {}

  /** Reserves the attempt, or throws RATE_LIMITED (with retryAfterSeconds) when either window is full. */
  async reserve(ctx: RequestContext, email: string, ip: string): Promise<LoginAttempt> {
    const accountKey = `login.account:${email}`;
    const ipKey = `login.ip:${ip}`;
    const reservation = await this.windows.reserve(
      ctx,
      [
        { key: accountKey, maxHits: this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT },
        { key: ipKey, maxHits: this.config.LOGIN_MAX_FAILURES_PER_IP },
      ],
      this.config.LOGIN_THROTTLE_WINDOW_SECONDS,
    );
    if (reservation.granted) return { accountKey, ipKey, at: reservation.at };
    const retryAfterSeconds = Math.max(...reservation.refused.values());
    throw new DomainError(
      ErrorCode.RATE_LIMITED,
      `Too many failed sign-in attempts. Wait ${Math.ceil(retryAfterSeconds / 60)} minute(s) and try again, or ask an administrator to reset your password.`,
      { retryAfterSeconds },
    );
  }

  /** The attempt failed: its places stay taken. Rows outside every window are deleted on the way. */
  async failed(tx: RequestContext): Promise<void> {
    await this.windows.prune(tx);
  }

  /** The attempt signed in: the account's failures are forgiven and the address's place is given back. */
  async succeeded(tx: RequestContext, attempt: LoginAttempt): Promise<void> {
    await this.windows.clear(tx, attempt.accountKey);
    await this.windows.release(tx, attempt.ipKey, attempt.at);
  }
}

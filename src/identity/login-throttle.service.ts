import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { AppConfig } from '../config/app-config.js';

/**
 * Sliding-window limit on failed sign-ins, per account and per client address, kept in PostgreSQL so every
 * instance sees the same counts. Checked before any password hashing, so a flood costs one indexed query
 * per attempt. Two attempts racing past the limit at the same instant may both be let through; the next
 * one is refused.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const window = this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
    const [row]: Array<{ by_account: number; by_ip: number; oldest_account: Date | null; oldest_ip: Date | null }> = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE email = $1)::int AS by_account,
              count(*) FILTER (WHERE ip = $2)::int AS by_ip,
              min(at) FILTER (WHERE email = $1) AS oldest_account,
              min(at) FILTER (WHERE ip = $2) AS oldest_ip
         FROM login_failure
        WHERE at > now() - make_interval(secs => $3) AND (email = $1 OR ip = $2)`,
      [email, ip, window],
    );
    const accountBlocked = row!.by_account >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const ipBlocked = row!.by_ip >= this.config.LOGIN_MAX_FAILURES_PER_IP;
    if (!accountBlocked && !ipBlocked) return;
    const oldest = (accountBlocked ? row!.oldest_account : row!.oldest_ip) ?? new Date();
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest.getTime() + window * 1000 - Date.now()) / 1000));
    throw new DomainError(
      ErrorCode.RATE_LIMITED,
      `Too many failed sign-in attempts. Wait ${Math.ceil(retryAfterSeconds / 60)} minute(s) and try again, or ask an administrator to reset your password.`,
      { retryAfterSeconds },
    );
  }

  async recordFailure(manager: EntityManager, email: string, ip: string): Promise<void> {
    await manager.query('INSERT INTO login_failure (email, ip) VALUES ($1, $2)', [email, ip]);
    // Keeps the table small without a job: rows outside every window are useless.
    await manager.query('DELETE FROM login_failure WHERE at < now() - make_interval(secs => $1)', [this.config.LOGIN_THROTTLE_WINDOW_SECONDS * 2]);
  }

  /** A successful sign-in forgives the account's failures (not the address's). */
  async clearAccount(manager: EntityManager, email: string): Promise<void> {
    await manager.query('DELETE FROM login_failure WHERE email = $1', [email]);
  }
}

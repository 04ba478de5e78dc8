import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { randomInt } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { RateLimitRepository } from '../common/rate-limit/rate-limit.repository.js';
import { AppConfig } from '../config/app-config.js';
import { sha256 } from './secrets.js';
import { UserRepository, type LoginUserRow } from './user.repository.js';

export const TOTP_ISSUER = 'Partner Cooperation Portal';
export const RECOVERY_CODE_COUNT = 10;
/** Codes one step before or after the current 30-second step are accepted (clock drift). */
const EPOCH_TOLERANCE_SECONDS = 30;
/** Wrong codes while enrolling or turning the factor off, per user per window (sign-in codes share the sign-in throttle). */
const CODE_ATTEMPTS_PER_WINDOW = 5;
/** Without 0/O and 1/I/L: codes are read off paper. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const SECOND_FACTOR_REQUIRED_MESSAGE = 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.';
export const SECOND_FACTOR_FAILED_MESSAGE = 'The code is not valid or was already used. Enter the current code from your authenticator app, or an unused recovery code.';
export const NO_PENDING_ENROLMENT_MESSAGE = 'Start the set-up of a second factor first (startSecondFactorEnrolment), then confirm it with a code.';

export interface SecondFactorEnrolment {
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

/** A recovery code as typed: case, spaces and dashes do not matter. */
function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * The second factor of local accounts: TOTP (RFC 6238, SHA-1, 6 digits, 30 s, as every authenticator app reads a
 * QR code) with otplib, plus one-time recovery codes. A code is accepted once: its time step must be later than the
 * last one accepted. Wrong codes are throttled: at sign-in through the sign-in throttle, elsewhere per user.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly windows: RateLimitRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Whether this role must have a second factor (administrators). */
  static requiredFor(role: string): boolean {
    return role === Role.ADMIN;
  }

  async startEnrolment(ctx: RequestContext): Promise<SecondFactorEnrolment> {
    const userId = this.userOf(ctx);
    return this.unitOfWork.run(ctx, async (tx) => {
      const user = await this.users.secondFactorOf(tx, userId);
      if (!user) throw DomainError.unauthenticated();
      if (user.totpSecret) throw DomainError.conflict('A second factor is already set up. Turn it off first to set up another device.');
      const secret = generateSecret();
      await this.users.setPendingTotp(tx, userId, secret);
      await this.audit.record(tx, 'user.second_factor.enrolment_started', { type: 'User', id: userId });
      const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label: user.email, secret });
      return { secret, otpauthUri, qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) };
    });
  }

  /** Confirms the pending secret with a first code; returns the recovery codes, shown this once. */
  async confirmEnrolment(ctx: RequestContext, code: string): Promise<string[]> {
    const userId = this.userOf(ctx);
    await this.reserveAttempt(ctx, userId);
    return this.unitOfWork.run(ctx, async (tx) => {
      const user = await this.users.secondFactorOf(tx, userId);
      if (!user?.totpPendingSecret) throw DomainError.badInput(NO_PENDING_ENROLMENT_MESSAGE, 'code');
      const step = await this.totpStep(user.totpPendingSecret, code, null);
      if (step === undefined) throw DomainError.badInput(SECOND_FACTOR_FAILED_MESSAGE, 'code');
      await this.users.enableTotp(tx, userId, step);
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await this.users.replaceRecoveryCodes(tx, userId, codes.map((c) => sha256(normaliseRecoveryCode(c))));
      await this.audit.record(tx, 'user.second_factor.enabled', { type: 'User', id: userId }, { recoveryCodes: RECOVERY_CODE_COUNT });
      return codes;
    });
  }

  /** Turns the second factor off with a current code. Administrators must keep theirs. */
  async disable(ctx: RequestContext, code: string): Promise<boolean> {
    const userId = this.userOf(ctx);
    if (SecondFactorService.requiredFor(ctx.actor!.role)) throw DomainError.forbidden('Administrators must keep a second factor. To move it to another device, ask another administrator to reset your account.');
    await this.reserveAttempt(ctx, userId);
    return this.unitOfWork.run(ctx, async (tx) => {
      const user = await this.users.secondFactorOf(tx, userId);
      if (!user?.totpSecret) throw DomainError.badInput('No second factor is set up on this account.', 'code');
      if (!(await this.accept(tx, userId, user.totpSecret, user.totpLastStep, code))) throw DomainError.badInput(SECOND_FACTOR_FAILED_MESSAGE, 'code');
      await this.users.disableTotp(tx, userId);
      await this.audit.record(tx, 'user.second_factor.disabled', { type: 'User', id: userId });
      return true;
    });
  }

  /**
   * The sign-in check, in the sign-in's unit of work: a TOTP code of a step not used before, or an unused recovery
   * code (which is then used up). False otherwise.
   */
  async verifyAtSignIn(tx: RequestContext, user: LoginUserRow, code: string): Promise<{ ok: boolean; recoveryCodeUsed: boolean }> {
    if (!user.totpSecret) return { ok: true, recoveryCodeUsed: false };
    const trimmed = code.trim();
    if (/^[0-9]{6}$/.test(trimmed)) return { ok: await this.accept(tx, user.id, user.totpSecret, user.totpLastStep, trimmed), recoveryCodeUsed: false };
    const normalised = normaliseRecoveryCode(trimmed);
    if (normalised.length !== 10) return { ok: false, recoveryCodeUsed: false };
    const used = await this.users.useRecoveryCode(tx, user.id, sha256(normalised));
    return { ok: used, recoveryCodeUsed: used };
  }

  async remainingRecoveryCodes(ctx: RequestContext, userId: string): Promise<number> {
    return this.users.unusedRecoveryCodes(ctx, userId);
  }

  private async accept(tx: RequestContext, userId: string, secret: string, lastStep: string | null, code: string): Promise<boolean> {
    const step = await this.totpStep(secret, code, lastStep);
    return step !== undefined && (await this.users.acceptTotpStep(tx, userId, step, secret));
  }

  /** The time step the code belongs to, when it is valid (and later than `after`). */
  private async totpStep(secret: string, code: string, after: string | null): Promise<number | undefined> {
    const token = code.trim();
    if (!/^[0-9]{6}$/.test(token)) return undefined;
    const result = await verify({ secret, token, epochTolerance: EPOCH_TOLERANCE_SECONDS, ...(after !== null ? { afterTimeStep: Number(after) } : {}) });
    // TOTP results carry the step (HOTP ones, the other half of otplib's union, do not).
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  }

  private async reserveAttempt(ctx: RequestContext, userId: string): Promise<void> {
    const key = `second-factor:${userId}`;
    const reservation = await this.windows.reserve(ctx, [{ key, maxHits: CODE_ATTEMPTS_PER_WINDOW }], this.config.LOGIN_THROTTLE_WINDOW_SECONDS);
    if (!reservation.granted) {
      const retryAfterSeconds = Math.max(...reservation.refused.values());
      throw new DomainError(ErrorCode.RATE_LIMITED, `Too many codes tried. Wait ${Math.ceil(retryAfterSeconds / 60)} minute(s) and try again.`, { retryAfterSeconds });
    }
  }

  private userOf(ctx: RequestContext): string {
    if (ctx.actor?.kind !== 'user') throw DomainError.forbidden('Only people signed in with a password can set up a second factor.');
    return ctx.actor.id;
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { checkPassword } from './password-policy.js';
import { PasswordService } from './password.service.js';
import { MailSecrets } from '../notifications/mail-secrets.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { RateLimitRepository } from '../common/rate-limit/rate-limit.repository.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { AppConfig } from '../config/app-config.js';
import type { PasswordTokenPurpose } from './password-token.entity.js';
import { randomToken, sha256 } from './secrets.js';
import { SessionService } from './session.service.js';
import { UserRepository } from './user.repository.js';

/** An invitation waits a week for the person to act; a reset a day. */
const TOKEN_LIFETIME_MS: Record<PasswordTokenPurpose, number> = { INVITE: 7 * 86_400_000, RESET: 86_400_000 };

export const BAD_PASSWORD_TOKEN_MESSAGE = 'This link to set a password is invalid, used or expired. Ask an administrator for a new one.';

/** Password-link mail a user may ask for per account per hour; more requests are answered the same and send nothing. */
const RESETS_PER_ACCOUNT_PER_HOUR = 3;

export const RESET_RATE_LIMITED_MESSAGE = 'Too many password link requests from this address. Wait a few minutes and try again.';

/** Why a set-password link is mailed: a new account, the person's own request, or an administrator's reset. */
export type PasswordLinkReason = 'INVITE' | 'FORGOT' | 'ADMIN_RESET';

function linkMail(reason: PasswordLinkReason, url: string, expiresAt: Date) {
  const until = `${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const ignore = { en: 'If you did not expect this mail, ignore it.', fr: 'Si vous n’attendiez pas ce message, ignorez-le.' };
  switch (reason) {
    case 'INVITE':
      return {
        subject: { en: 'Your account on the Partner Cooperation Portal', fr: 'Votre compte sur le Portail de coopération avec les partenaires' },
        body: {
          en: `An account has been created for you on the Partner Cooperation Portal. Choose your password with this link (it works once, until ${until}):\n\n${url}\n\n${ignore.en}`,
          fr: `Un compte a été créé pour vous sur le Portail de coopération avec les partenaires. Choisissez votre mot de passe avec ce lien (utilisable une fois, jusqu’au ${until}) :\n\n${url}\n\n${ignore.fr}`,
        },
      };
    case 'FORGOT':
      return {
        subject: { en: 'Set a new password', fr: 'Définir un nouveau mot de passe' },
        body: {
          en: `Someone asked to set a new password for your account on the Partner Cooperation Portal. Use this link (it works once, until ${until}):\n\n${url}\n\nIf it was not you, ignore this mail: your password has not changed.`,
          fr: `Quelqu’un a demandé un nouveau mot de passe pour votre compte sur le Portail de coopération avec les partenaires. Utilisez ce lien (une fois, jusqu’au ${until}) :\n\n${url}\n\nSi ce n’était pas vous, ignorez ce message : votre mot de passe n’a pas changé.`,
        },
      };
    case 'ADMIN_RESET':
      return {
        subject: { en: 'Your password was reset', fr: 'Votre mot de passe a été réinitialisé' },
        body: {
          en: `An administrator reset your password on the Partner Cooperation Portal and ended your sessions. Choose a new password with this link (it works once, until ${until}):\n\n${url}`,
          fr: `Un administrateur a réinitialisé votre mot de passe sur le Portail de coopération avec les partenaires et fermé vos sessions. Choisissez un nouveau mot de passe avec ce lien (une fois, jusqu’au ${until}) :\n\n${url}`,
        },
      };
  }
}

/** One-time tokens to set a password, their mail, and setting the password. */
@Injectable()
export class PasswordTokenService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly outbox: NotificationOutbox,
    private readonly mailSecrets: MailSecrets,
    private readonly windows: RateLimitRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Issues a token and mails its link through the outbox, both in the caller's unit of work (`tx`). Returns the
   * token only when no mail relay is configured (SMTP_URL unset: mail is recorded, not sent), so that an
   * administrator can still pass the link on; with a relay the mail is the only place it appears.
   */
  async issueAndMail(tx: RequestContext, userId: string, reason: PasswordLinkReason): Promise<{ token: string | null; expiresAt: Date }> {
    const issued = await this.issue(tx, userId, reason === 'INVITE' ? 'INVITE' : 'RESET');
    // Sealed in the outbox: only the worker opens it as it hands the mail to the relay (no usable link at rest).
    const url = this.mailSecrets.seal(`${this.config.publicUrl}/set-password?token=${encodeURIComponent(issued.token)}`);
    await this.outbox.mailAccount(tx, userId, linkMail(reason, url, issued.expiresAt));
    return { token: this.config.SMTP_URL ? null : issued.token, expiresAt: issued.expiresAt };
  }

  /**
   * "Forgot password": always the same answer, whether the email is known or not (no account enumeration).
   * Throttled per address (RATE_LIMITED, whatever the email) and, silently, per account (at most
   * RESETS_PER_ACCOUNT_PER_HOUR mails an hour, so nobody can flood a mailbox). The current password keeps working
   * until the link is used; an earlier unused link stops working.
   */
  async requestReset(ctx: RequestContext, email: string): Promise<boolean> {
    const account = email.trim().toLowerCase();
    if (account.length === 0 || account.length > 320) throw DomainError.badInput('email must be an email address.', 'email');
    const byIp = await this.windows.reserve(ctx, [{ key: `reset.ip:${ctx.ip ?? 'unknown'}`, maxHits: this.config.PASSWORD_RESET_MAX_PER_IP }], this.config.LOGIN_THROTTLE_WINDOW_SECONDS);
    if (!byIp.granted) throw new DomainError(ErrorCode.RATE_LIMITED, RESET_RATE_LIMITED_MESSAGE, { retryAfterSeconds: Math.max(...byIp.refused.values()) });
    const user = await this.users.forLogin(ctx, account);
    await this.unitOfWork.run(ctx, async (tx) => {
      if (!user || !user.active) {
        await this.audit.record(tx, 'user.password_link_requested', null, { email: account, sent: false, reason: user ? 'inactive' : 'unknown_account' });
        return;
      }
      // An account of single sign-on signs in through its organisation only: no local password by mail.
      if (user.ssoOnly) {
        await this.audit.record(tx, 'user.password_link_requested', { type: 'User', id: user.id }, { email: account, sent: false, reason: 'sso_account' });
        return;
      }
      const byAccount = await this.windows.reserve(tx, [{ key: `reset.account:${user.id}`, maxHits: RESETS_PER_ACCOUNT_PER_HOUR }], 3600);
      if (!byAccount.granted) {
        await this.audit.record(tx, 'user.password_link_requested', { type: 'User', id: user.id }, { email: account, sent: false, reason: 'account_limit' });
        return;
      }
      const { expiresAt } = await this.issueAndMail(tx, user.id, 'FORGOT');
      await this.audit.record(tx, 'user.password_link_requested', { type: 'User', id: user.id }, { email: account, sent: true, expiresAt: expiresAt.toISOString() });
    });
    return true;
  }

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

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One sign-in: the family of refresh tokens that rotate from it. Access tokens carry its id (`sid`), so
 * revoking the session (logout, reuse of a rotated token, deactivation) ends them at once too.
 */
@Entity({ name: 'auth_session' })
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Absolute end, however often the session is refreshed. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** logout, refresh_reuse, deactivated, password_changed… */
  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  /** Sign-in or the last refresh (so within ACCESS_TOKEN_TTL_SECONDS of the last request). */
  @Column({ name: 'last_used_at', type: 'timestamptz', default: () => 'now()' })
  lastUsedAt: Date;

  /** How the session started: password (with the second factor when the account has one) or oidc. */
  @Column({ type: 'text', default: 'password' })
  method: 'password' | 'oidc';

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;
}

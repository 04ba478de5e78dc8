import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One thing that happened: who did what to which record, from where. Append-only: a trigger refuses
 * UPDATE, DELETE and TRUNCATE, and the application's role holds no such grant.
 */
@Entity({ name: 'audit_event' })
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** user, apiKey, system or anonymous. */
  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: string;

  /** No foreign key: the trail outlives the rows it mentions. */
  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  /** Dotted verb, e.g. auth.login, user.create, offering.publish. */
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}

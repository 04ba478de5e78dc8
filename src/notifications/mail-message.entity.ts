import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MailStatus = 'PENDING' | 'SENT' | 'RECORDED' | 'FAILED';

/**
 * The mail outbox: one row per message, inserted with the change that causes it. The worker marks it
 * SENT (or RECORDED when no SMTP relay is configured) under a row lock, so it goes out once.
 */
@Entity({ name: 'mail_message' })
export class MailMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId: string | null;

  @Column({ name: 'to_address', type: 'text' })
  toAddress: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text' })
  status: MailStatus;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}

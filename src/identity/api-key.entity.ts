import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ApiKeyScope } from '../common/auth/role.js';

/** An integration's credential. Only the SHA-256 of the secret is stored; the secret is shown once. */
@ObjectType({ description: 'An API key for an integration. The secret itself is shown only when the key is created.' })
@Entity({ name: 'api_key' })
export class ApiKey {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => ApiKeyScope)
  @Column({ type: 'text' })
  scope: ApiKeyScope;

  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId: string | null;

  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId: string | null;

  @Field({ description: "Granted at creation: the key reads participants' personal data (names, emails, clearances) of the requests in its reach." })
  @Column({ name: 'personal_data', type: 'boolean', default: false })
  personalData: boolean;

  @Field({ description: 'The public start of the key (e.g. pcp_Ab12Cd34), to recognise it in logs and lists.' })
  @Column({ type: 'text', unique: true })
  prefix: string;

  @Column({ name: 'secret_hash', type: 'bytea', unique: true, select: false })
  secretHash: Buffer;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute.' })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

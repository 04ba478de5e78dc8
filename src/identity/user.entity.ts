import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Role } from '../common/auth/role.js';
import { Partner } from '../organisation/partner.entity.js';
import { Section } from '../organisation/section.entity.js';

/** A person who signs in. Table `app_user`: `user` is reserved in PostgreSQL. */
@ObjectType({ description: 'A person who signs in to the portal.' })
@Entity({ name: 'app_user' })
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Unique, compared without regard to case.' })
  @Column({ type: 'citext', unique: true })
  email: string;

  @Field()
  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Field(() => Role)
  @Column({ type: 'text' })
  role: Role;

  /** argon2id PHC string; null until the person sets a password with their one-time token. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  /** Base32 TOTP secret once the second factor is confirmed; never leaves the server after enrolment. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true, select: false })
  totpSecret: string | null;

  /** A secret being enrolled, until a first code confirms it. */
  @Column({ name: 'totp_pending_secret', type: 'text', nullable: true, select: false })
  totpPendingSecret: string | null;

  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true, select: false })
  totpEnabledAt: Date | null;

  /** The last TOTP time step accepted: a code of that step or an earlier one is refused (no replay). */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true, select: false })
  totpLastStep: string | null;

  /** The OpenID Connect issuer of a linked account (single sign-on). */
  @Column({ name: 'sso_issuer', type: 'text', nullable: true, select: false })
  ssoIssuer: string | null;

  /** The person's subject at that issuer. */
  @Column({ name: 'sso_subject', type: 'text', nullable: true, select: false })
  ssoSubject: string | null;

  /** The partner a liaison officer represents. */
  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId: string | null;

  @ManyToOne(() => Partner, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id' })
  partner?: Relation<Partner> | null;

  /** Sections a staff member works in. */
  @ManyToMany(() => Section)
  @JoinTable({ name: 'user_section', joinColumn: { name: 'user_id' }, inverseJoinColumn: { name: 'section_id' } })
  sections?: Relation<Section>[];

  /** Partners a coordinator covers. */
  @ManyToMany(() => Partner)
  @JoinTable({ name: 'user_covered_partner', joinColumn: { name: 'user_id' }, inverseJoinColumn: { name: 'partner_id' } })
  coveredPartners?: Relation<Partner>[];

  @Field({ description: "The language of the user's mail: en or fr (notices, digests, account mail)." })
  @Column({ type: 'text', default: 'en' })
  language: string;

  @Field({ description: 'A deactivated user cannot sign in; their sessions end at once.' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

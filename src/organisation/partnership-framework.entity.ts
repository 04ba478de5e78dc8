import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LocalisedField } from '../common/i18n/localised-field.js';

/** A partnership framework (EAPC/PfP, MD, ICI, PAG…): partners belong to zero or more. */
@ObjectType({ description: 'A partnership framework, e.g. the Mediterranean Dialogue.' })
@Entity({ name: 'partnership_framework' })
export class PartnershipFramework {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Stable short code, e.g. EAPC_PFP, MD, ICI, PAG, IO.' })
  @Column({ type: 'text', unique: true })
  code: string;

  /** Not a column: resolved from nameEn/nameFr per request (LocalisedField). */
  @LocalisedField('nameEn', 'nameFr', { description: 'The name in the content language.' })
  name?: string;

  @Field()
  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Field()
  @Column({ name: 'name_fr', type: 'text' })
  nameFr: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LocalisedField } from '../common/i18n/localised-field.js';
import { PartnerKind } from './organisation.enums.js';

/** A partner nation (ISO 3166-1 alpha-3 code) or international organisation (short code). */
@ObjectType({ description: 'A partner nation or international organisation.' })
@Entity({ name: 'partner' })
export class Partner {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'ISO 3166-1 alpha-3 for nations (e.g. GEO), a short code for organisations (e.g. UN).' })
  @Column({ type: 'text', unique: true })
  code: string;

  @Field(() => PartnerKind)
  @Column({ type: 'text' })
  kind: PartnerKind;

  /** Not a column: resolved from nameEn/nameFr per request (LocalisedField). */
  @LocalisedField('nameEn', 'nameFr', { description: 'The name in the content language.' })
  name?: string;

  @Field()
  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Field()
  @Column({ name: 'name_fr', type: 'text' })
  nameFr: string;

  @Field(() => [String], { description: 'Programmes that serve this partner, e.g. DCB, DEEP.' })
  @Column({ name: 'programme_flags', type: 'text', array: true, default: () => "'{}'" })
  programmeFlags: string[];

  @Field({ description: 'Cooperation is frozen: a suspended partner is eligible for nothing.' })
  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

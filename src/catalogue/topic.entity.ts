import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LocalisedField } from '../common/i18n/localised-field.js';

/** A topic tag (counter-terrorism, CBRN, WPS…); an offering has many. */
@ObjectType({ description: 'A topic tag, e.g. counter-terrorism or cyber defence.' })
@Entity({ name: 'topic' })
export class Topic {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
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

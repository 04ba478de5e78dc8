import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LocalisedField } from '../common/i18n/localised-field.js';

/** One of the areas of cooperation (consultation, training, capability…). */
@ObjectType({ description: 'An area of cooperation, e.g. "Training, education and exercises".' })
@Entity({ name: 'cooperation_area' })
export class CooperationArea {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text', unique: true })
  code: string;

  @Field(() => Int, { description: 'Display order.' })
  @Column({ type: 'int' })
  position: number;

  /** Not a column: resolved from nameEn/nameFr per request (LocalisedField). */
  @LocalisedField('nameEn', 'nameFr', { description: 'The name in the content language.' })
  name?: string;

  @Field()
  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Field()
  @Column({ name: 'name_fr', type: 'text' })
  nameFr: string;

  @LocalisedField('descriptionEn', 'descriptionFr', { nullable: true, description: 'The description in the content language, or the other one when missing.' })
  description?: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'description_en', type: 'text', nullable: true })
  descriptionEn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'description_fr', type: 'text', nullable: true })
  descriptionFr: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LocalisedField } from '../common/i18n/localised-field.js';
import { SectionKind } from './organisation.enums.js';

/** A node of the NATO organisation tree; requests are routed to exactly one section at a time. */
@ObjectType({ description: 'A node of the NATO organisation tree (division, section, school, COE…): a routing target.' })
@Entity({ name: 'section' })
export class Section {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Stable code, e.g. CTS, NSO, COE_DAT.' })
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

  @Field(() => SectionKind)
  @Column({ type: 'text' })
  kind: SectionKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Field({ description: 'Contact mailbox of the section.' })
  @Column({ type: 'text' })
  mailbox: string;

  @Field({ description: 'IANA time zone, e.g. Europe/Brussels; working days are counted in it.' })
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Field(() => Int, { description: 'Service target: working days to acknowledge a request.' })
  @Column({ name: 'acknowledge_target_days', type: 'int' })
  acknowledgeTargetDays: number;

  @Field(() => Int, { description: 'Service target: working days to approve or decline a request.' })
  @Column({ name: 'decide_target_days', type: 'int' })
  decideTargetDays: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

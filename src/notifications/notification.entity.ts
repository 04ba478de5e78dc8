import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LocalisedField } from '../common/i18n/localised-field.js';

/** An in-app notice for one user, written in the transaction of the change it reports. */
@ObjectType({ description: 'An in-app notice: a new request for your section, a status change, a comment.' })
@Entity({ name: 'notification' })
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @Field(() => ID, { nullable: true, description: 'The request it is about.' })
  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId: string | null;

  @Field({ description: 'REQUEST_SUBMITTED, REQUEST_ROUTED, STATUS_CHANGED or COMMENT_ADDED.' })
  @Column({ type: 'text' })
  kind: string;

  /** Not a column: resolved from titleEn/titleFr per request (LocalisedField). */
  @LocalisedField('titleEn', 'titleFr', { description: 'In the content language (English for notices older than the French texts).' })
  title?: string;

  @LocalisedField('bodyEn', 'bodyFr', { description: 'In the content language (English for notices older than the French texts).' })
  body?: string;

  @Column({ name: 'title', type: 'text' })
  titleEn: string;

  @Column({ name: 'title_fr', type: 'text', nullable: true })
  titleFr: string | null;

  @Column({ name: 'body', type: 'text' })
  bodyEn: string;

  @Column({ name: 'body_fr', type: 'text', nullable: true })
  bodyFr: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}

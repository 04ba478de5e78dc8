import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message on a request: visible to the partner, or an internal note for NATO staff only. */
@ObjectType({ description: 'A comment on a request; internal notes are visible to NATO staff only.' })
@Entity({ name: 'request_comment' })
export class RequestComment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field()
  @Column({ type: 'boolean', default: false })
  internal: boolean;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

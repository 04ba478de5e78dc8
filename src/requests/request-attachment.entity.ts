import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A file on a request or on one of its comments (issue #16 item 4). The bytes live in an AttachmentStore
 * (attachment_content by default); this row is the metadata, kept after removal so the timeline can name it.
 */
@ObjectType({ description: 'A file attached to a request or to one of its comments. Download it from downloadUrl with your usual credentials.' })
@Entity({ name: 'request_attachment' })
export class RequestAttachment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Field(() => ID, { nullable: true, description: 'The comment it belongs to; null for a file on the request itself.' })
  @Column({ name: 'comment_id', type: 'uuid', nullable: true })
  commentId: string | null;

  @Field()
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Field({ description: 'Decided from the content (its magic bytes), never from the name.' })
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Column({ name: 'size_bytes', type: 'int' })
  size: number;

  @Field({ description: 'SHA-256 of the content, hexadecimal.' })
  @Column({ type: 'text' })
  sha256: string;

  @Field({ description: "A nominee's document (CV, certificate): shown only to those who may read the request's participants." })
  @Column({ name: 'personal_data', type: 'boolean', default: false })
  personalData: boolean;

  @Field({ description: 'On an internal note: NATO staff only.' })
  @Column({ type: 'boolean', default: false })
  internal: boolean;

  @Column({ type: 'text' })
  store: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was removed; its content is gone then.' })
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @Column({ name: 'removed_by', type: 'uuid', nullable: true })
  removedBy: string | null;
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EventParams } from './event-params.js';
import { RequestEventType, RequestStatus, RoutingReason } from './request.enums.js';

/** One entry of a request's timeline; append-only. Internal entries are never shown to the partner side. */
@ObjectType({ description: 'Something that happened on a request, in order.' })
@Entity({ name: 'request_event' })
export class RequestEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Field()
  @Column({ type: 'timestamptz' })
  at: Date;

  @Field(() => RequestEventType)
  @Column({ type: 'text' })
  type: RequestEventType;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Field({ description: 'user, apiKey or system.' })
  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: string;

  @Field(() => RequestStatus, { nullable: true })
  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: RequestStatus | null;

  @Field(() => RequestStatus, { nullable: true })
  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus: RequestStatus | null;

  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId: string | null;

  @Column({ name: 'routing_rule_id', type: 'uuid', nullable: true })
  routingRuleId: string | null;

  @Field(() => RoutingReason, { nullable: true })
  @Column({ name: 'routing_reason', type: 'text', nullable: true })
  routingReason: RoutingReason | null;

  @Column({ name: 'comment_id', type: 'uuid', nullable: true })
  commentId: string | null;

  @Column({ name: 'attachment_id', type: 'uuid', nullable: true })
  attachmentId: string | null;

  /** The objective linked (OBJECTIVE_LINKED) or unlinked (OBJECTIVE_UNLINKED); resolved as `objective`. */
  @Column({ name: 'objective_id', type: 'uuid', nullable: true })
  objectiveId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What a person wrote (a reason), or the English text of a system entry (its kind and parameters are in params, to render in any language).',
  })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Resolved by RequestEventResolver.params. */
  @Column({ type: 'jsonb', nullable: true })
  params: EventParams | null;

  @Field({ description: 'Internal events (internal notes) are visible to NATO staff only.' })
  @Column({ type: 'boolean', default: false })
  internal: boolean;
}

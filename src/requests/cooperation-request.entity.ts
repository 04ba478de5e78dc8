import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { LocalDate } from '../catalogue/local-date.scalar.js';
import { OfferingIteration } from '../catalogue/offering-iteration.entity.js';
import { Offering } from '../catalogue/offering.entity.js';
import type { ClearanceLevel, LanguageProfileData } from '../catalogue/nominee-requirement.types.js';
import { Partner } from '../organisation/partner.entity.js';
import { Section } from '../organisation/section.entity.js';
import { RequestPriority, RequestStatus, RoutingReason } from './request.enums.js';

/** A nominated participant: personal data, shown only to the partner and the responsible NATO staff. */
export interface ParticipantData {
  name: string;
  rankOrTitle?: string | null;
  email?: string | null;
  languageLevel?: string | null;
  clearance?: string | null;
  /** Issue #14 item 5: the directory entry this nominee was picked from, and the structured facts checked. */
  nomineeId?: string | null;
  clearanceLevel?: ClearanceLevel | null;
  languageProfiles?: LanguageProfileData[] | null;
}

/**
 * A partner's ask for one offering (optionally one iteration), or an open request in an area. Relations
 * are joined by the list query or resolved through DataLoaders; `participants` goes through the access
 * helper (see RequestResolver), never as a plain field. Changes go through explicit
 * `UPDATE … WHERE id = $1 AND version = $2` statements, not through TypeORM's save.
 */
@ObjectType({ description: 'A partner\'s request for an offering (or an open request in an area), with its lifecycle.' })
@Entity({ name: 'cooperation_request' })
export class CooperationRequest {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Human reference, e.g. CR-2026-00042.' })
  @Column({ type: 'text', unique: true })
  reference: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => Partner)
  @JoinColumn({ name: 'partner_id' })
  partner?: Relation<Partner>;

  @Column({ name: 'submitter_id', type: 'uuid' })
  submitterId: string;

  @Column({ name: 'offering_id', type: 'uuid', nullable: true })
  offeringId: string | null;

  @ManyToOne(() => Offering)
  @JoinColumn({ name: 'offering_id' })
  offering?: Relation<Offering> | null;

  @Column({ name: 'iteration_id', type: 'uuid', nullable: true })
  iterationId: string | null;

  @ManyToOne(() => OfferingIteration)
  @JoinColumn({ name: 'iteration_id' })
  iteration?: Relation<OfferingIteration> | null;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId: string | null;

  /** The partner's plan objective it serves (issue #17); resolved as `objective`. */
  @Column({ name: 'objective_id', type: 'uuid', nullable: true })
  objectiveId: string | null;

  @Field(() => String, { nullable: true, description: 'The offering kind at submission; null for an open request.' })
  @Column({ name: 'offering_kind', type: 'text', nullable: true })
  offeringKind: string | null;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  justification: string | null;

  @Field(() => LocalDate, { nullable: true })
  @Column({ name: 'desired_start', type: 'date', nullable: true })
  desiredStart: string | null;

  @Field(() => LocalDate, { nullable: true })
  @Column({ name: 'desired_end', type: 'date', nullable: true })
  desiredEnd: string | null;

  @Field(() => Int)
  @Column({ name: 'seats_requested', type: 'int', default: 0 })
  seatsRequested: number;

  @Field(() => Int, { description: 'Seats this request holds on its iteration (after approval).' })
  @Column({ name: 'seats_allocated', type: 'int', default: 0 })
  seatsAllocated: number;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  participants: ParticipantData[];

  /** Issue #15: the offering kind's extra fields (e.g. an SPS application's directors), checked against its RequestFieldSchema. */
  @Column({ name: 'kind_fields', type: 'jsonb', default: () => "'{}'::jsonb" })
  kindFields: Record<string, unknown>;

  @Field(() => RequestPriority)
  @Column({ type: 'text', default: RequestPriority.NORMAL })
  priority: RequestPriority;

  @Field({ description: "Releasability marking (a code of releasabilityMarkings). RELEASABLE TO on a request releases it to the requesting partner only (and NATO staff)." })
  @Column({ type: 'text', default: 'NATO UNCLASSIFIED' })
  releasability: string;

  @Field(() => RequestStatus)
  @Column({ type: 'text' })
  status: RequestStatus;

  @Column({ name: 'routed_section_id', type: 'uuid', nullable: true })
  routedSectionId: string | null;

  @ManyToOne(() => Section)
  @JoinColumn({ name: 'routed_section_id' })
  routedSection?: Relation<Section> | null;

  @Column({ name: 'routing_rule_id', type: 'uuid', nullable: true })
  routingRuleId: string | null;

  @Field(() => RoutingReason, { nullable: true })
  @Column({ name: 'routing_reason', type: 'text', nullable: true })
  routingReason: RoutingReason | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Field(() => Int, { description: 'Increases on every change; send it back as expectedVersion (optimistic concurrency).' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When section staff first took it under review.' })
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was approved or declined.' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Acknowledge by then: the section\'s target in working days from submission.' })
  @Column({ name: 'acknowledge_due_at', type: 'timestamptz', nullable: true })
  acknowledgeDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Decide by then: the section\'s target in working days from submission.' })
  @Column({ name: 'decision_due_at', type: 'timestamptz', nullable: true })
  decisionDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Since when the service-target clock is paused: information was asked of the partner. The decision due date moves on by the pause when the request returns to review.' })
  @Column({ name: 'service_paused_at', type: 'timestamptz', nullable: true })
  servicePausedAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OfferingKind } from '../catalogue/catalogue.enums.js';

/**
 * One ordered routing rule: every criterion set must match (empty criteria match everything); the first
 * matching rule by position decides the section. Criteria and target are resolved by RoutingRuleResolver.
 */
@ObjectType({ description: 'An ordered routing rule: the first rule whose every set criterion matches routes the request.' })
@Entity({ name: 'routing_rule' })
export class RoutingRule {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => Int, { description: 'Lower first; unique.' })
  @Column({ type: 'int' })
  position: number;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'offering_id', type: 'uuid', nullable: true })
  offeringId: string | null;

  @Field(() => OfferingKind, { nullable: true })
  @Column({ name: 'offering_kind', type: 'text', nullable: true })
  offeringKind: OfferingKind | null;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId: string | null;

  @Column({ name: 'topic_id', type: 'uuid', nullable: true })
  topicId: string | null;

  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId: string | null;

  @Column({ name: 'framework_id', type: 'uuid', nullable: true })
  frameworkId: string | null;

  @Column({ name: 'target_section_id', type: 'uuid' })
  targetSectionId: string;

  @Field(() => Int)
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

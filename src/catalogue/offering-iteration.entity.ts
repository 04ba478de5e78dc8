import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LocalDate } from './local-date.scalar.js';
import { IterationStatus } from './catalogue.enums.js';
import { LocalisedField } from '../common/i18n/localised-field.js';

/** A dated run of an offering (course session, exercise). Seats are allocated by the requests work. */
@ObjectType({ description: 'A dated run of an offering: a course session, an exercise.' })
@Entity({ name: 'offering_iteration' })
export class OfferingIteration {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'offering_id', type: 'uuid' })
  offeringId: string;

  @Field(() => LocalDate)
  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Field(() => LocalDate)
  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  /** Not a column: resolved from locationEn/locationFr per request (LocalisedField). */
  @LocalisedField('locationEn', 'locationFr', { description: 'In the content language, or the other one when missing.' })
  location?: string;

  @Field({ description: 'The location in English.' })
  @Column({ name: 'location', type: 'text' })
  locationEn: string;

  @Field(() => String, { nullable: true, description: 'The location in French; required to publish the offering.' })
  @Column({ name: 'location_fr', type: 'text', nullable: true })
  locationFr: string | null;

  @Field(() => Int, { nullable: true, description: 'Seats; null when there is no seat limit.' })
  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Field(() => Int, { description: 'Seats allocated to approved requests, plus seats offered to waitlisted nominees and not yet confirmed.' })
  @Column({ name: 'seats_allocated', type: 'int', default: 0 })
  seatsAllocated: number;

  @Field(() => Int, { nullable: true, description: 'At most this many seats per partner (a per-nation quota); null when there is none.' })
  @Column({ name: 'partner_quota', type: 'int', nullable: true })
  partnerQuota: number | null;

  @Field(() => LocalDate, { nullable: true })
  @Column({ name: 'application_deadline', type: 'date', nullable: true })
  applicationDeadline: string | null;

  @Field(() => IterationStatus)
  @Column({ type: 'text' })
  status: IterationStatus;

  /** A plain field (a getter), not a @ResolveField: a list page has dozens of iterations. */
  @Field(() => Int, { nullable: true, description: 'capacity − seatsAllocated; null when there is no seat limit.' })
  get seatsAvailable(): number | null {
    return this.capacity === null ? null : Math.max(this.capacity - this.seatsAllocated, 0);
  }

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DurationStatistics, RequestCount } from './request.types.js';

@ObjectType({ description: 'One bar of a dashboard: a key (status, programme, partner or section code), its name where it has one, and its figures.' })
export class DashboardBar {
  @Field({ description: 'What the bar counts by; the same value filters the queue (statuses, programmes, partnerCodes, sectionCodes).' })
  key: string;

  @Field(() => String, { nullable: true, description: "The partner's or section's name in your language." })
  label: string | null;

  @Field(() => Int, { description: 'Requests.' })
  count: number;

  @Field(() => Int, { description: 'Seats allocated on them.' })
  seatsUsed: number;

  @Field(() => Int, { description: 'Of them, COMPLETED.' })
  completions: number;
}

@ObjectType({ description: 'A calendar month (UTC): requests submitted, decided (approved or declined) and completed in it.' })
export class DashboardMonth {
  @Field({ description: 'YYYY-MM.' })
  month: string;

  @Field(() => Int)
  submitted: number;

  @Field(() => Int)
  decided: number;

  @Field(() => Int)
  completed: number;
}

@ObjectType({ description: "The submitted requests whose course runs in a year (the iteration's start, else the desired start, else the submission, UTC): seats asked for and used, and completions." })
export class DashboardYear {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  requests: number;

  @Field(() => Int)
  seatsRequested: number;

  @Field(() => Int)
  seatsUsed: number;

  @Field(() => Int)
  completions: number;
}

@ObjectType({
  description:
    "A dashboard over the submitted requests you may see that match the filter (a partner: its own; staff: their sections'; coordinators: their partners'). The date range is the filter's submittedAfter/submittedBefore.",
})
export class Dashboard {
  @Field(() => Int)
  total: number;

  @Field(() => Int)
  overdue: number;

  @Field(() => Int)
  completions: number;

  @Field(() => Int)
  seatsUsed: number;

  @Field(() => [DashboardBar])
  byStatus: DashboardBar[];

  @Field(() => [DashboardBar], { description: 'By programme: the offering kind at submission (OPEN_REQUEST for open requests).' })
  byProgramme: DashboardBar[];

  @Field(() => [DashboardBar], { description: 'By partner, sorted by name.' })
  byPartner: DashboardBar[];

  @Field(() => [DashboardBar])
  bySection: DashboardBar[];

  @Field(() => [DashboardMonth], { description: 'Trend: oldest month first, months without activity left out.' })
  byMonth: DashboardMonth[];

  @Field(() => [DashboardYear], {
    description: "By the year the course runs: the iteration's start date, else the desired start, else the submission date.",
  })
  byYear: DashboardYear[];

  @Field(() => DurationStatistics)
  timeToAcknowledge: DurationStatistics;

  @Field(() => DurationStatistics)
  timeToDecide: DurationStatistics;
}

@ObjectType()
export class DashboardExport {
  @Field({ description: 'Header row (section,key,label,count,seats_used,completions), then one row per bar, month and year.' })
  csv: string;
}

@ObjectType({ description: 'What an objective has led to: the requests linked to it that you may see.' })
export class ObjectiveReport {
  @Field(() => Int)
  requests: number;

  @Field(() => [RequestCount], { description: 'Linked requests by status.' })
  byStatus: RequestCount[];

  @Field(() => Int)
  seatsRequested: number;

  @Field(() => Int)
  seatsUsed: number;

  @Field(() => Int, { description: 'Linked requests COMPLETED.' })
  completions: number;
}

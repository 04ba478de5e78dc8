import { Args, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Offering } from '../../catalogue/offering.entity.js';
import { Allow } from '../../common/auth/allow.decorator.js';
import { Permission } from '../../common/auth/permission.js';
import { Ctx } from '../../common/context/ctx.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { CalendarService } from './calendar.service.js';

@ObjectType({ description: 'Your personal calendar feed. Its address is shown only when made (regenerateCalendarFeed).' })
export class CalendarFeed {
  @Field({ description: 'True while a feed address works.' })
  active: boolean;

  @Field(() => Date, { nullable: true })
  createdAt: Date | null;
}

@ObjectType({ description: 'A new feed address: subscribe to it in a calendar application. The previous one stopped working.' })
export class CalendarFeedUrl {
  @Field({ description: 'https://…/calendar/<token>.ics — keep it private: anyone with it can read your feed.' })
  url: string;

  @Field()
  createdAt: Date;
}

@Resolver(() => Offering)
export class CalendarResolver {
  constructor(private readonly calendar: CalendarService) {}

  @Allow(Permission.Authenticated)
  @Query(() => CalendarFeed, { description: 'Whether you have a calendar feed address, and since when.' })
  calendarFeed(@Ctx() ctx: RequestContext): Promise<CalendarFeed> {
    return this.calendar.feed(ctx);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => CalendarFeedUrl, { description: 'Makes a new address for your calendar feed; the previous one stops working.' })
  regenerateCalendarFeed(@Ctx() ctx: RequestContext): Promise<CalendarFeedUrl> {
    return this.calendar.regenerate(ctx);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => Boolean, { description: 'Revokes your calendar feed address. True when there was one.' })
  revokeCalendarFeed(@Ctx() ctx: RequestContext): Promise<boolean> {
    return this.calendar.revoke(ctx);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => Boolean, { description: "Follows an offering: its runs and application deadlines join your calendar feed. Returns true." })
  followOffering(@Ctx() ctx: RequestContext, @Args('offeringId', { type: () => ID }) offeringId: string): Promise<boolean> {
    return this.calendar.follow(ctx, offeringId, true);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => Boolean, { description: 'Stops following an offering. Returns false.' })
  unfollowOffering(@Ctx() ctx: RequestContext, @Args('offeringId', { type: () => ID }) offeringId: string): Promise<boolean> {
    return this.calendar.follow(ctx, offeringId, false);
  }

  @ResolveField(() => Boolean, { description: 'Whether you follow it (its runs are in your calendar feed); false for API keys.' })
  followed(@Ctx() ctx: RequestContext, @Parent() offering: Offering): Promise<boolean> {
    return this.calendar.followed(ctx, offering.id);
  }
}

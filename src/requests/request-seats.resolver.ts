import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import { ApproveRequestInput, SeatOfferInput } from './dto/seat.inputs.js';
import { Nomination, SeatBoard } from './dto/seat.types.js';
import { personalDataAccess } from './request-access.js';
import { RequestSeatsService } from './request-seats.service.js';

/** Seats and nominees of requests (issue #14): approval with decisions per nominee, seat offers, nominations, the seat board. */
@Resolver(() => CooperationRequest)
export class RequestSeatsResolver {
  constructor(private readonly seats: RequestSeatsService) {}

  @Allow(Permission.TriageRequests)
  @Mutation(() => CooperationRequest, {
    description:
      'Approves a request under review with a chosen number of seats and a decision per nominee (accepted, waitlisted, declined with a reason the partner reads). ' +
      'CAPACITY_EXCEEDED says how many seats are left (capacity or the partner\'s quota); a nominee also on another open request for an overlapping iteration is a CONFLICT unless clashOverrideReason is given.',
  })
  approveRequest(@Ctx() ctx: RequestContext, @Args('input') input: ApproveRequestInput): Promise<CooperationRequest> {
    return this.seats.approve(ctx, input);
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => CooperationRequest, { description: 'Confirms a seat offered to one of your waitlisted nominees (before offerExpiresAt); the seat becomes the request\'s.' })
  confirmSeatOffer(@Ctx() ctx: RequestContext, @Args('input') input: SeatOfferInput): Promise<CooperationRequest> {
    return this.seats.confirmOffer(ctx, input);
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => CooperationRequest, { description: 'Turns down a seat offered to one of your nominees; it passes to the next nominee on the waiting list.' })
  declineSeatOffer(@Ctx() ctx: RequestContext, @Args('input') input: SeatOfferInput): Promise<CooperationRequest> {
    return this.seats.declineOffer(ctx, input);
  }

  @Allow(Permission.TriageRequests)
  @Query(() => SeatBoard, { description: "NATO staff: an iteration's seats — capacity, allocation per partner, quota, open offers and the waiting list." })
  seatBoard(@Ctx() ctx: RequestContext, @Args('iterationId', { type: () => ID }) iterationId: string): Promise<SeatBoard> {
    return this.seats.board(ctx, iterationId);
  }

  @ResolveField(() => [Nomination], {
    nullable: true,
    description:
      'The decision on each nominee after approval (accepted, waitlisted with its place in line, offered a freed seat, declined with a reason). ' +
      'For those who may read the participants; null for everyone else.',
  })
  async nominations(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<Nomination[] | null> {
    if (!personalDataAccess(ctx, r)) return null;
    return this.seats.nominationsByRequest(ctx).load(r.id);
  }
}

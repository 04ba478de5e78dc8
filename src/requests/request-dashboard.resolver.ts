import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { PartnerObjective } from '../plans/dto/objective.types.js';
import { Dashboard, DashboardExport, ObjectiveReport } from './dto/dashboard.types.js';
import { RequestFilter } from './dto/request.inputs.js';
import { RequestDashboardService } from './request-dashboard.service.js';

@Resolver(() => PartnerObjective)
export class RequestDashboardResolver {
  constructor(private readonly dashboards: RequestDashboardService) {}

  @Allow(Permission.ReadRequests)
  @Query(() => Dashboard, { description: 'A dashboard over the submitted requests you may see (a partner: its own). Narrow it with the filter; the date range is submittedAfter/submittedBefore.' })
  dashboard(@Ctx() ctx: RequestContext, @Args('filter', { type: () => RequestFilter, nullable: true }) filter?: RequestFilter | null): Promise<Dashboard> {
    return this.dashboards.dashboard(ctx, filter);
  }

  @Allow(Permission.ReadRequests)
  @Query(() => DashboardExport, { description: 'The same dashboard as CSV.' })
  dashboardCsv(@Ctx() ctx: RequestContext, @Args('filter', { type: () => RequestFilter, nullable: true }) filter?: RequestFilter | null): Promise<DashboardExport> {
    return this.dashboards.csv(ctx, filter);
  }

  @ResolveField(() => ObjectiveReport, { description: 'The requests linked to this objective that you may see: their status, seats and completions.' })
  report(@Parent() o: PartnerObjective, @Ctx() ctx: RequestContext): Promise<ObjectiveReport> {
    return this.dashboards.objectiveReport(ctx).load(o.id);
  }
}

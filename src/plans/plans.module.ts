import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { ObjectiveRepository } from './objective.repository.js';
import { PlanResolver } from './plan.resolver.js';
import { PlanService } from './plan.service.js';

/**
 * Partners' plans (issue #17 item 1). Exports PlanService: the requests context checks a request's link to an
 * objective and loads it through it; the report per objective (requests, seats, completions) is the requests
 * context's, resolved on PartnerObjective.report over the caller's reach of requests.
 */
@Module({
  imports: [OrganisationModule],
  providers: [ObjectiveRepository, PlanService, PlanResolver],
  exports: [PlanService],
})
export class PlansModule {}

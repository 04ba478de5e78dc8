import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { SpsAccess } from './sps-access.js';
import { SpsCommitteeService } from './sps-committee.service.js';
import { SpsReviewService } from './sps-review.service.js';
import { SpsRepository } from './sps.repository.js';
import { SpsCommitteeBatchResolver, SpsResolver, SpsReviewResolver } from './sps.resolver.js';

/**
 * SPS grant applications' peer review and committee endorsement (issue #15 item 2). Applications are requests: read
 * through RequestQueryService and moved through the lifecycle door (RequestTriageService.transition); the SPS
 * sections come from the catalogue (OfferingEligibility), reviewers from IdentityModule's PeopleService. Its own
 * tables (sps_*) are touched only by SpsRepository.
 */
@Module({
  imports: [RequestsModule, CatalogueModule, IdentityModule],
  providers: [SpsRepository, SpsAccess, SpsReviewService, SpsCommitteeService, SpsResolver, SpsReviewResolver, SpsCommitteeBatchResolver],
})
export class SpsModule {}

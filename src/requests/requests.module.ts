import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { OrganisationFacts } from './organisation-facts.repository.js';
import { RequestJournal } from './request-journal.js';
import { RequestLifecycle } from './request-lifecycle.service.js';
import { RequestLoaders } from './request-loaders.js';
import { RequestQueryService } from './request-query.service.js';
import { RequestReadRepository } from './request-read.repository.js';
import { RequestRoutingService } from './request-routing.service.js';
import { RequestStatisticsService } from './request-statistics.service.js';
import { RequestSubmissionService } from './request-submission.service.js';
import { RequestTriageService } from './request-triage.service.js';
import { RequestRepository } from './request.repository.js';
import { CooperationRequestConnectionResolver, RequestCommentResolver, RequestEventResolver, RequestResolver } from './request.resolver.js';
import { RoutingRuleRepository } from './routing-rule.repository.js';
import { RoutingRuleResolver } from './routing-rule.resolver.js';

/**
 * Cooperation requests: submission, routing, the lifecycle, comments, timeline and statistics. Offerings,
 * eligibility and seats come from CatalogueModule's exported services, sections from OrganisationModule's
 * loaders; no other context's entity is registered here.
 */
@Module({
  imports: [CatalogueModule, OrganisationModule, NotificationsModule],
  providers: [
    RequestRepository,
    RequestReadRepository,
    RoutingRuleRepository,
    OrganisationFacts,
    RequestJournal,
    RequestLifecycle,
    RequestLoaders,
    RequestQueryService,
    RequestRoutingService,
    RequestStatisticsService,
    RequestSubmissionService,
    RequestTriageService,
    RequestResolver,
    CooperationRequestConnectionResolver,
    RequestEventResolver,
    RequestCommentResolver,
    RoutingRuleResolver,
  ],
})
export class RequestsModule {}

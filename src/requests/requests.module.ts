import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CooperationArea } from '../catalogue/cooperation-area.entity.js';
import { OfferingIteration } from '../catalogue/offering-iteration.entity.js';
import { Offering } from '../catalogue/offering.entity.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import { RequestComment } from './request-comment.entity.js';
import { RequestEvent } from './request-event.entity.js';
import { RequestJournal } from './request-journal.js';
import { RequestLoaders } from './request-loaders.js';
import { RequestQueryService } from './request-query.service.js';
import { RequestRoutingService } from './request-routing.service.js';
import { RequestStatisticsService } from './request-statistics.service.js';
import { RequestSubmissionService } from './request-submission.service.js';
import { RequestTriageService } from './request-triage.service.js';
import { CooperationRequestConnectionResolver, RequestCommentResolver, RequestEventResolver, RequestResolver } from './request.resolver.js';
import { RoutingRuleResolver } from './routing-rule.resolver.js';
import { RoutingRule } from './routing-rule.entity.js';
import { SeatAllocationService } from './seat-allocation.service.js';

/** Cooperation requests: submission, routing, the lifecycle, comments, timeline, seats and statistics. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CooperationRequest, RequestEvent, RequestComment, RoutingRule, Offering, OfferingIteration, CooperationArea]),
    OrganisationModule,
    NotificationsModule,
  ],
  providers: [
    RequestJournal,
    RequestLoaders,
    RequestQueryService,
    RequestRoutingService,
    RequestStatisticsService,
    RequestSubmissionService,
    RequestTriageService,
    SeatAllocationService,
    RequestResolver,
    CooperationRequestConnectionResolver,
    RequestEventResolver,
    RequestCommentResolver,
    RoutingRuleResolver,
  ],
})
export class RequestsModule {}

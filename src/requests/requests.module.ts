import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { CourseSurveyService } from './course-survey.service.js';
import { NomineeAttendanceService } from './nominee-attendance.service.js';
import { NomineeDirectoryService } from './nominee-directory.service.js';
import { NomineeIntake } from './nominee-intake.js';
import { CourseSurveyResolver, NomineeResolver, TrainingRecordResolver } from './nominee.resolver.js';
import { NomineeRepository } from './nominee.repository.js';
import { RequestJournal } from './request-journal.js';
import { RequestLifecycle } from './request-lifecycle.service.js';
import { RequestLoaders } from './request-loaders.js';
import { RequestQueryService } from './request-query.service.js';
import { RequestReadRepository } from './request-read.repository.js';
import { NomineeSubstitutionRepository } from './nominee-substitution.repository.js';
import { RequestNomineeChangesResolver } from './request-nominee-changes.resolver.js';
import { RequestNomineeChangesService } from './request-nominee-changes.service.js';
import { RequestRoutingService } from './request-routing.service.js';
import { RequestSeatsResolver } from './request-seats.resolver.js';
import { RequestSeatsService } from './request-seats.service.js';
import { RequestStatisticsService } from './request-statistics.service.js';
import { RequestSubmissionService } from './request-submission.service.js';
import { RequestTriageService } from './request-triage.service.js';
import { RequestRepository } from './request.repository.js';
import { CooperationRequestConnectionResolver, RequestCommentResolver, RequestEventResolver, RequestResolver } from './request.resolver.js';
import { RoutingRuleRepository } from './routing-rule.repository.js';
import { CannedReplyRepository } from './canned-reply.js';
import { SavedViewRepository } from './saved-view.repository.js';
import { SavedViewResolver } from './saved-view.resolver.js';
import { SavedViewService } from './saved-view.service.js';
import { RoutingRuleResolver } from './routing-rule.resolver.js';

/**
 * Cooperation requests: submission, routing, the lifecycle, comments, timeline and statistics. Offerings,
 * eligibility and seats come from CatalogueModule's exported services, partners, frameworks and sections from
 * OrganisationModule's loaders and services, people (names, who may be assigned) from IdentityModule's
 * PeopleService; no other context's entity is registered or read here (except the list's documented joins).
 */
@Module({
  imports: [CatalogueModule, OrganisationModule, IdentityModule, NotificationsModule],
  providers: [
    RequestRepository,
    RequestReadRepository,
    RoutingRuleRepository,
    RequestJournal,
    RequestLifecycle,
    RequestLoaders,
    RequestQueryService,
    RequestRoutingService,
    RequestStatisticsService,
    RequestSubmissionService,
    RequestTriageService,
    RequestSeatsService,
    NomineeSubstitutionRepository,
    RequestNomineeChangesService,
    RequestNomineeChangesResolver,
    RequestResolver,
    RequestSeatsResolver,
    CooperationRequestConnectionResolver,
    RequestEventResolver,
    RequestCommentResolver,
    RoutingRuleResolver,
    SavedViewRepository,
    CannedReplyRepository,
    SavedViewService,
    SavedViewResolver,
    // Issue #14 items 5 and 8 (nominees, attendance, surveys).
    NomineeRepository,
    NomineeIntake,
    NomineeDirectoryService,
    NomineeAttendanceService,
    CourseSurveyService,
    NomineeResolver,
    TrainingRecordResolver,
    CourseSurveyResolver,
  ],
})
export class RequestsModule {}

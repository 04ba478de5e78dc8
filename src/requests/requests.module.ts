import { Module } from '@nestjs/common';
import { WebhooksModule } from '../integrations/webhooks.module.js';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { RequestDashboardResolver } from './request-dashboard.resolver.js';
import { RequestDashboardService } from './request-dashboard.service.js';
import { CourseSurveyService } from './course-survey.service.js';
import { NomineeAttendanceService } from './nominee-attendance.service.js';
import { NomineeDirectoryService } from './nominee-directory.service.js';
import { NomineeIntake } from './nominee-intake.js';
import { CourseSurveyResolver, NomineeResolver, TrainingRecordResolver } from './nominee.resolver.js';
import { NomineeRepository } from './nominee.repository.js';
import { RequestFieldSchemaRepository } from './request-field-schema.repository.js';
import { RequestFieldSchemaResolver, RequestKindFieldsResolver } from './request-field-schema.resolver.js';
import { RequestFieldsService } from './request-fields.service.js';
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
import { CannedReplyRepository } from './canned-reply.repository.js';
import { CannedReplyResolver } from './canned-reply.resolver.js';
import { CannedReplyService } from './canned-reply.service.js';
import { SavedViewRepository } from './saved-view.repository.js';
import { SavedViewResolver } from './saved-view.resolver.js';
import { SavedViewService } from './saved-view.service.js';
import { RoutingRuleResolver } from './routing-rule.resolver.js';
import { AttachmentStores, PostgresAttachmentStore, S3AttachmentStore } from './attachment-store.js';
import { AttachmentRepository } from './attachment.repository.js';
import { RequestAttachmentsController } from './request-attachments.controller.js';
import { CommentAttachmentsFieldResolver, EventAttachmentFieldResolver, RequestAttachmentResolver, RequestAttachmentsFieldResolver } from './request-attachments.resolver.js';
import { RequestAttachmentsService } from './request-attachments.service.js';
import { RequestExportController } from './request-export.controller.js';
import { RequestExportService } from './request-export.service.js';

/**
 * Cooperation requests: submission, routing, the lifecycle, comments, timeline and statistics. Offerings,
 * eligibility and seats come from CatalogueModule's exported services, partners, frameworks and sections from
 * OrganisationModule's loaders and services, people (names, who may be assigned) from IdentityModule's
 * PeopleService; no other context's entity is registered or read here (except the list's documented joins).
 */
@Module({
  imports: [CatalogueModule, OrganisationModule, IdentityModule, NotificationsModule, WebhooksModule, PlansModule],
  // Issue #16: attachments (multipart upload, download) and the list and statistics exports, over HTTP.
  controllers: [RequestAttachmentsController, RequestExportController],
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
    // Issue #17: dashboards, the report per objective of a partner's plan.
    RequestDashboardService,
    RequestDashboardResolver,
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
    CannedReplyService,
    CannedReplyResolver,
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
    // Issue #16 items 3 and 4 (exports, attachments).
    AttachmentRepository,
    // ATTACHMENT_STORE picks where new files go; each file keeps its own (attachment-store.ts).
    PostgresAttachmentStore,
    S3AttachmentStore,
    AttachmentStores,
    RequestAttachmentsService,
    RequestAttachmentResolver,
    RequestAttachmentsFieldResolver,
    CommentAttachmentsFieldResolver,
    EventAttachmentFieldResolver,
    RequestExportService,
    // Issue #15 item 1: kind-specific request fields.
    RequestFieldSchemaRepository,
    RequestFieldsService,
    RequestFieldSchemaResolver,
    RequestKindFieldsResolver,
  ],
  // Issue #15 item 2: the SPS context reads applications and moves them through the lifecycle door with these;
  // the funding context (issue #17) reads a request by id through the one access rule.
  exports: [RequestQueryService, RequestTriageService, RequestFieldsService],
})
export class RequestsModule {}

import { WebhooksModule } from '../integrations/webhooks.module.js';
import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CatalogueImportResolver } from './catalogue-import.resolver.js';
import { CatalogueImportWorker } from './catalogue-import.worker.js';
import { CatalogueTransferController } from './catalogue-transfer.controller.js';
import { CatalogueTransferRepository } from './catalogue-transfer.repository.js';
import { CatalogueTransferService } from './catalogue-transfer.service.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { CatalogueLoaders } from './catalogue-loaders.js';
import { IterationNomineeRequirementResolver, OfferingNomineeRequirementResolver } from './nominee-requirement.resolver.js';
import { NomineeRequirementRepository } from './nominee-requirement.repository.js';
import { NomineeRequirements } from './nominee-requirements.service.js';
import { OfferingAdminResolver } from './offering-admin.resolver.js';
import { OfferingAdminService } from './offering-admin.service.js';
import { OfferingEligibility } from './offering-eligibility.js';
import { OfferingFilterCodes } from './offering-filter-codes.js';
import { OfferingIterationAdminService } from './offering-iteration-admin.service.js';
import { OfferingReadRepository } from './offering-read.repository.js';
import { OfferingConnectionResolver, OfferingResolver } from './offering.resolver.js';
import { OfferingRepository } from './offering.repository.js';
import { OfferingSearchService } from './offering-search.service.js';
import { OfferingService } from './offering.service.js';
import { SeatLedger } from './seat-ledger.js';
import { SeatOfferWorker } from './seat-offer.worker.js';
import { SeatRepository } from './seat.repository.js';
import { CooperationAreaResolver, TopicResolver } from './taxonomy.resolver.js';
import { TaxonomyRepository } from './taxonomy.repository.js';
import { TaxonomyService } from './taxonomy.service.js';

/**
 * Offerings, iterations, areas of cooperation, topics, and catalogue search. Other contexts use the exported
 * services only: the eligibility check, the seat ledger, and the loaders (offerings by id with the catalogue's
 * visibility rule, areas, topics).
 */
@Module({
  // IdentityModule: the REST routes authenticate like GraphQL (AuthenticationService).
  imports: [OrganisationModule, NotificationsModule, IdentityModule, WebhooksModule],
  // Issue #16 item 3: the catalogue as CSV/XLSX, export and import.
  controllers: [CatalogueTransferController],
  providers: [
    OfferingRepository,
    OfferingReadRepository,
    TaxonomyRepository,
    CatalogueLoaders,
    OfferingEligibility,
    SeatRepository,
    SeatLedger,
    SeatOfferWorker,
    OfferingService,
    OfferingSearchService,
    OfferingFilterCodes,
    OfferingAdminService,
    OfferingIterationAdminService,
    TaxonomyService,
    OfferingResolver,
    OfferingConnectionResolver,
    OfferingAdminResolver,
    CooperationAreaResolver,
    TopicResolver,
    NomineeRequirementRepository,
    NomineeRequirements,
    OfferingNomineeRequirementResolver,
    IterationNomineeRequirementResolver,
    CatalogueTransferRepository,
    CatalogueTransferService,
    CatalogueImportWorker,
    CatalogueImportResolver,
  ],
  exports: [CatalogueLoaders, OfferingService, OfferingEligibility, SeatLedger, NomineeRequirements],
})
export class CatalogueModule {}

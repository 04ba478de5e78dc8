import { Module } from '@nestjs/common';
import { AlliedNationRepository } from './allied-nation.repository.js';
import { AlliedNationResolver } from './allied-nation.resolver.js';
import { AlliedNationService } from './allied-nation.service.js';
import { OrganisationAdminService } from './organisation-admin.service.js';
import { OrganisationLoaders } from './organisation-loaders.js';
import { PartnerRepository } from './partner.repository.js';
import { PartnerResolver } from './partner.resolver.js';
import { PartnerService } from './partner.service.js';
import { SectionRepository } from './section.repository.js';
import { SectionResolver } from './section.resolver.js';
import { SectionService } from './section.service.js';

/**
 * Partners, partnership frameworks and the section tree. Other contexts read them only through what this
 * module exports: the loaders (by id, per request) and the services (by code).
 */
@Module({
  providers: [
    PartnerRepository,
    SectionRepository,
    PartnerService,
    SectionService,
    OrganisationAdminService,
    OrganisationLoaders,
    PartnerResolver,
    SectionResolver,
    // Issue #15: the Allies, reference data for SPS applications.
    AlliedNationRepository,
    AlliedNationService,
    AlliedNationResolver,
  ],
  exports: [OrganisationLoaders, PartnerService, SectionService, AlliedNationService],
})
export class OrganisationModule {}

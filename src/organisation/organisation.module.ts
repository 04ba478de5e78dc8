import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationAdminService } from './organisation-admin.service.js';
import { OrganisationLoaders } from './organisation-loaders.js';
import { Partner } from './partner.entity.js';
import { PartnerResolver } from './partner.resolver.js';
import { PartnerService } from './partner.service.js';
import { PartnershipFramework } from './partnership-framework.entity.js';
import { Section } from './section.entity.js';
import { SectionResolver } from './section.resolver.js';
import { SectionService } from './section.service.js';

/** Partners, partnership frameworks and the section tree. */
@Module({
  imports: [TypeOrmModule.forFeature([Partner, PartnershipFramework, Section])],
  providers: [
    PartnerService,
    SectionService,
    OrganisationAdminService,
    OrganisationLoaders,
    PartnerResolver,
    SectionResolver,
  ],
  exports: [OrganisationLoaders],
})
export class OrganisationModule {}

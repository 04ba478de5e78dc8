import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { Partner } from '../organisation/partner.entity.js';
import { PartnershipFramework } from '../organisation/partnership-framework.entity.js';
import { CatalogueLoaders } from './catalogue-loaders.js';
import { CooperationArea } from './cooperation-area.entity.js';
import { OfferingAdminResolver } from './offering-admin.resolver.js';
import { OfferingAdminService } from './offering-admin.service.js';
import { OfferingFacetsService } from './offering-facets.service.js';
import { OfferingFilterCodes } from './offering-filter-codes.js';
import { OfferingIterationAdminService } from './offering-iteration-admin.service.js';
import { OfferingIteration } from './offering-iteration.entity.js';
import { OfferingConnectionResolver, OfferingResolver } from './offering.resolver.js';
import { OfferingSearchService } from './offering-search.service.js';
import { Offering } from './offering.entity.js';
import { OfferingService } from './offering.service.js';
import { CooperationAreaResolver, TopicResolver } from './taxonomy.resolver.js';
import { TaxonomyService } from './taxonomy.service.js';
import { Topic } from './topic.entity.js';

/** Offerings, iterations, areas of cooperation, topics, and catalogue search. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Offering, OfferingIteration, CooperationArea, Topic, Partner, PartnershipFramework]),
    OrganisationModule,
  ],
  providers: [
    CatalogueLoaders,
    OfferingService,
    OfferingSearchService,
    OfferingFacetsService,
    OfferingFilterCodes,
    OfferingAdminService,
    OfferingIterationAdminService,
    TaxonomyService,
    OfferingResolver,
    OfferingConnectionResolver,
    OfferingAdminResolver,
    CooperationAreaResolver,
    TopicResolver,
  ],
  exports: [CatalogueLoaders, OfferingService],
})
export class CatalogueModule {}

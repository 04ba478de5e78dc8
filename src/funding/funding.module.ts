import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { FundingRepository } from './funding.repository.js';
import { FundingResolver, OfferingFundingResolver, RequestFundingResolver } from './funding.resolver.js';
import { FundingService } from './funding.service.js';

/**
 * Funding (issue #17 item 2): lines on requests and offerings, sources as data, totals. Requests are found through
 * RequestsModule's RequestQueryService (the one access rule), offerings through CatalogueModule's loaders.
 */
@Module({
  imports: [CatalogueModule, RequestsModule],
  providers: [FundingRepository, FundingService, FundingResolver, RequestFundingResolver, OfferingFundingResolver],
})
export class FundingModule {}

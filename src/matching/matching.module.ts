import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { RequestSupportResolver, SupportMatchResolver, SupportOfferResolver } from './matching.resolver.js';
import { MatchingService } from './matching.service.js';
import { SupportOfferRepository } from './support-offer.repository.js';

/** Two-sided matching (issue #17 item 3): requests through RequestsModule's RequestQueryService, their facts through CatalogueModule's loaders. */
@Module({
  imports: [CatalogueModule, RequestsModule],
  providers: [SupportOfferRepository, MatchingService, SupportOfferResolver, SupportMatchResolver, RequestSupportResolver],
})
export class MatchingModule {}

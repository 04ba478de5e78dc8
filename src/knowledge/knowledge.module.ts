import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { KnowledgeRepository } from './knowledge.repository.js';
import { KnowledgeResolver } from './knowledge.resolver.js';
import { KnowledgeService } from './knowledge.service.js';

/** The knowledge base (issue #17 item 4). Area codes are checked through CatalogueModule's OfferingEligibility. */
@Module({
  imports: [CatalogueModule],
  providers: [KnowledgeRepository, KnowledgeService, KnowledgeResolver],
})
export class KnowledgeModule {}

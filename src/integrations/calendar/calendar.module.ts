import { Module } from '@nestjs/common';
import { CatalogueModule } from '../../catalogue/catalogue.module.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarRepository } from './calendar.repository.js';
import { CalendarResolver } from './calendar.resolver.js';
import { CalendarService } from './calendar.service.js';

/** Calendar feeds (issue #16 item 2): personal feeds behind revocable tokens, the public catalogue feed, following offerings. */
@Module({
  imports: [CatalogueModule],
  controllers: [CalendarController],
  providers: [CalendarRepository, CalendarService, CalendarResolver],
})
export class CalendarModule {}

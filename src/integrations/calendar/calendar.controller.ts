import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestContext } from '../../common/context/request-context.js';
import { CalendarService } from './calendar.service.js';

/**
 * `GET /calendar/catalogue.ics` (when the catalogue is public) and `GET /calendar/<token>.ics`: iCalendar feeds for
 * calendar clients, which send no credentials: the token in the URL is the credential (revocable from the account
 * page). Unknown tokens and a private catalogue are 404, with nothing that tells them apart.
 */
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':file')
  async feed(@Param('file') file: string, @Query('lang') lang: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = new RequestContext(request.id, 'en', request.ip);
    const match = /^(.+)\.ics$/.exec(file);
    const body = !match ? null : match[1] === 'catalogue' ? await this.calendar.catalogueIcs(ctx, lang) : await this.calendar.personalIcs(ctx, match[1]!);
    if (body === null) {
      await reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('No such calendar feed: it may have been revoked. Copy the current address from your account page.');
      return;
    }
    await reply
      .code(200)
      .header('cache-control', match![1] === 'catalogue' ? 'public, max-age=300' : 'private, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="${match![1] === 'catalogue' ? 'catalogue' : 'my-calendar'}.ics"`)
      .type('text/calendar; charset=utf-8')
      .send(body);
  }
}

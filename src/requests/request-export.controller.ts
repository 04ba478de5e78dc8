import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '../common/auth/permission.js';
import { httpCaller, RestErrorFilter } from '../common/http/http-caller.js';
import { sendTables, tableFormat } from '../common/http/tabular.js';
import { AuthenticationService } from '../identity/authentication.service.js';
import { RequestExportService } from './request-export.service.js';

/**
 * `GET /api/exports/requests` and `GET /api/exports/request-statistics` (README, "Exports"): `format=csv|xlsx`,
 * `filter=<RequestFilter as JSON>`, and for the list `orderBy`. Same credentials and permissions as the
 * `requests` and `requestStatistics` queries; the same reach.
 */
@Controller('api/exports')
@UseFilters(RestErrorFilter)
export class RequestExportController {
  constructor(
    private readonly authentication: AuthenticationService,
    private readonly exports: RequestExportService,
  ) {}

  @Get('requests')
  async requests(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>): Promise<void> {
    const ctx = await httpCaller(this.authentication, request, Permission.ReadRequests);
    const format = tableFormat(query.format);
    const filter = await this.exports.parseFilter(query.filter);
    const table = await this.exports.requestTable(ctx, filter, this.exports.parseOrder(query.orderBy), format);
    await sendTables(reply, format, 'requests', [table]);
  }

  @Get('request-statistics')
  async statistics(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>): Promise<void> {
    const ctx = await httpCaller(this.authentication, request, Permission.ReadStatistics);
    const format = tableFormat(query.format);
    const table = await this.exports.statisticsTable(ctx, await this.exports.parseFilter(query.filter), format);
    await sendTables(reply, format, 'request-statistics', [table]);
  }
}

import { Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '../common/auth/permission.js';
import { httpCaller, RestErrorFilter } from '../common/http/http-caller.js';
import { readUpload } from '../common/http/multipart-upload.js';
import { sendTables, tableFormat } from '../common/http/tabular.js';
import { AppConfig } from '../config/app-config.js';
import { AuthenticationService } from '../identity/authentication.service.js';
import { CatalogueTransferService, type ImportReport } from './catalogue-transfer.service.js';

const TRUE = new Set(['true', '1', 'yes']);

/**
 * The catalogue as a file (README, "Catalogue import and export"), for administrators (ManageCatalogue):
 * `GET /api/exports/catalogue?format=csv|xlsx`, and `POST /api/imports/catalogue` (multipart, part `file`) —
 * with `?dryRun=true` a report and nothing written, without it the import queued (202) when the file has no errors.
 * Progress: the `catalogueImport(id)` query.
 */
@Controller('api')
@UseFilters(RestErrorFilter)
export class CatalogueTransferController {
  constructor(
    private readonly authentication: AuthenticationService,
    private readonly transfer: CatalogueTransferService,
    private readonly config: AppConfig,
  ) {}

  @Get('exports/catalogue')
  async export(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('format') format?: string): Promise<void> {
    const ctx = await httpCaller(this.authentication, request, Permission.ManageCatalogue);
    const chosen = tableFormat(format);
    await sendTables(reply, chosen, 'catalogue', await this.transfer.exportTables(ctx, chosen));
  }

  @Post('imports/catalogue')
  @HttpCode(202)
  async import(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query('dryRun') dryRun?: string): Promise<ImportReport | Record<string, unknown>> {
    const ctx = await httpCaller(this.authentication, request, Permission.ManageCatalogue);
    const upload = await readUpload(request, this.config.IMPORT_MAX_BYTES);
    if (TRUE.has((dryRun ?? '').toLowerCase())) {
      reply.code(200);
      return this.transfer.check(ctx, upload);
    }
    const started = await this.transfer.start(ctx, upload);
    return { id: started.id, status: started.status, rowsTotal: started.rowsTotal, fileName: started.fileName, format: started.format };
  }
}

import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '../common/auth/permission.js';
import { httpCaller, RestErrorFilter } from '../common/http/http-caller.js';
import { readUpload } from '../common/http/multipart-upload.js';
import { AppConfig } from '../config/app-config.js';
import { AuthenticationService } from '../identity/authentication.service.js';
import type { RequestAttachment } from './request-attachment.entity.js';
import { attachmentDownloadPath } from './request-attachments.resolver.js';
import { RequestAttachmentsService } from './request-attachments.service.js';

const TRUE = new Set(['true', '1', 'yes', 'on']);

/**
 * Attachments over HTTP (README, "Attachments"): uploads are multipart (GraphQL stays JSON); downloads are sent as
 * attachments with the stored content type and no sniffing, so a browser never renders or runs one in the portal's
 * origin. Same credentials as GraphQL: `Authorization: Bearer …` or `X-API-Key`.
 */
@Controller('api')
@UseFilters(RestErrorFilter)
export class RequestAttachmentsController {
  constructor(
    private readonly authentication: AuthenticationService,
    private readonly attachments: RequestAttachmentsService,
    private readonly config: AppConfig,
  ) {}

  /** `POST /api/requests/:id/attachments`, multipart: `file`, and optionally `commentId` and `personalData=true`. */
  @Post('requests/:id/attachments')
  async upload(@Req() request: FastifyRequest, @Param('id') id: string): Promise<Record<string, unknown>> {
    const ctx = await httpCaller(this.authentication, request, Permission.SubmitRequests, Permission.CommentOnRequests, Permission.TriageRequests);
    const upload = await readUpload(request, this.config.ATTACHMENT_MAX_BYTES);
    const attachment = await this.attachments.attach(ctx, id, upload, {
      commentId: upload.fields.commentId?.trim() || null,
      personalData: TRUE.has((upload.fields.personalData ?? '').trim().toLowerCase()),
    });
    return view(attachment);
  }

  /** `GET /api/attachments/:id`: the file, if you may see it (404 otherwise). */
  @Get('attachments/:id')
  async download(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const ctx = await httpCaller(this.authentication, request, Permission.ReadRequests);
    const { attachment, bytes } = await this.attachments.download(ctx, id);
    await reply
      .header('content-type', attachment.contentType)
      .header('content-disposition', contentDisposition(attachment.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(bytes);
  }
}

/** The JSON an upload answers with: the GraphQL type's fields. */
function view(a: RequestAttachment): Record<string, unknown> {
  return {
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    personalData: a.personalData,
    internal: a.internal,
    commentId: a.commentId,
    createdAt: a.createdAt.toISOString(),
    downloadUrl: attachmentDownloadPath(a.id),
  };
}

/** RFC 6266: an ASCII fallback name and the UTF-8 one (RFC 5987), always as an attachment. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

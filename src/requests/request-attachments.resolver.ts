import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { byKeys, groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { AttachmentRepository, type AttachmentWithRequest } from './attachment.repository.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import { RequestPerson } from './dto/request.types.js';
import { RequestAttachment } from './request-attachment.entity.js';
import { canSeeAttachment, RequestAttachmentsService } from './request-attachments.service.js';
import { RequestComment } from './request-comment.entity.js';
import { RequestEvent } from './request-event.entity.js';
import { RequestLoaders } from './request-loaders.js';

/** The download route of an attachment (src/requests/request-attachments.controller.ts), relative to the API's address. */
export const attachmentDownloadPath = (id: string) => `/api/attachments/${id}`;

/**
 * Attachments on requests, comments and timeline entries (issue #16 item 4). One statement per field per
 * response whatever the page (DataLoaders); each file is shown only to those canSeeAttachment lets through.
 * Uploads go through the multipart route; removal is this mutation.
 */
@Resolver(() => RequestAttachment)
export class RequestAttachmentResolver {
  constructor(
    private readonly attachments: AttachmentRepository,
    private readonly service: RequestAttachmentsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @Allow(Permission.SubmitRequests, Permission.CommentOnRequests, Permission.TriageRequests)
  @Mutation(() => RequestAttachment, {
    description:
      'Removes a file from a request (its uploader, or NATO staff handling the request). Its content is deleted; the timeline records the removal with your reason.',
  })
  removeAttachment(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true, description: 'Why, shown on the timeline (at most 1000 characters).' }) reason?: string | null,
  ): Promise<RequestAttachment> {
    return this.service.remove(ctx, id, reason);
  }

  @ResolveField(() => String, { description: 'Where to GET the file, relative to the API address, with your usual Authorization or X-API-Key header; null once removed.', nullable: true })
  downloadUrl(@Parent() a: RequestAttachment): string | null {
    return a.removedAt ? null : attachmentDownloadPath(a.id);
  }

  @ResolveField(() => RequestPerson, { nullable: true, description: 'Who attached it; null for someone since deleted.' })
  uploadedBy(@Parent() a: RequestAttachment, @Ctx() ctx: RequestContext): Promise<RequestPerson | null> | null {
    return a.uploadedBy ? this.loaders.personById(ctx).load(a.uploadedBy) : null;
  }
}

/** The per-request loaders of attachments, shared by the three parents. */
function byRequest(ctx: RequestContext, repo: AttachmentRepository): DataLoader<string, AttachmentWithRequest[]> {
  return ctx.loaders.get('requests.attachmentsByRequestId', async (ids: readonly string[]) => groupByKeys(ids, await repo.ofRequests(ctx, ids), (a) => a.attachment.requestId));
}

function visible(ctx: RequestContext, rows: AttachmentWithRequest[]): RequestAttachment[] {
  return rows.filter((r) => canSeeAttachment(ctx, r.request, r.attachment)).map((r) => r.attachment);
}

@Resolver(() => CooperationRequest)
export class RequestAttachmentsFieldResolver {
  constructor(private readonly repository: AttachmentRepository) {}

  @ResolveField(() => [RequestAttachment], {
    description: "Files on the request and on its comments, oldest first: those on internal notes for NATO staff only, nominees' documents only for those who see the participants.",
  })
  async attachments(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<RequestAttachment[]> {
    return visible(ctx, await byRequest(ctx, this.repository).load(r.id));
  }
}

@Resolver(() => RequestComment)
export class CommentAttachmentsFieldResolver {
  constructor(private readonly repository: AttachmentRepository) {}

  @ResolveField(() => [RequestAttachment], { description: 'Files attached to this comment.' })
  async attachments(@Parent() c: RequestComment, @Ctx() ctx: RequestContext): Promise<RequestAttachment[]> {
    return visible(ctx, await byRequest(ctx, this.repository).load(c.requestId)).filter((a) => a.commentId === c.id);
  }
}

@Resolver(() => RequestEvent)
export class EventAttachmentFieldResolver {
  constructor(private readonly attachments: AttachmentRepository) {}

  @ResolveField(() => RequestAttachment, { nullable: true, description: 'The file added or removed (ATTACHMENT_ADDED, ATTACHMENT_REMOVED), when you may see it.' })
  async attachment(@Parent() e: RequestEvent, @Ctx() ctx: RequestContext): Promise<RequestAttachment | null> {
    if (!e.attachmentId) return null;
    const row = await ctx.loaders
      .get('requests.attachmentById', async (ids: readonly string[]) => byKeys(ids, await this.attachments.byIds(ctx, ids), (a) => a.attachment.id, null))
      .load(e.attachmentId);
    return row && canSeeAttachment(ctx, row.request, row.attachment) ? row.attachment : null;
  }
}

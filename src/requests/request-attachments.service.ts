import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { createHash, randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { Permission } from '../common/auth/permission.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { formatBytes, type Upload } from '../common/http/multipart-upload.js';
import { AppConfig } from '../config/app-config.js';
import { AttachmentStores } from './attachment-store.js';
import { ATTACHMENT_KINDS, detectKind } from './attachment-type.js';
import { AttachmentRepository } from './attachment.repository.js';
import type { CooperationRequest } from './cooperation-request.entity.js';
import { canReadRequest, personalDataAccess, seesInternalNotes } from './request-access.js';
import type { RequestAttachment } from './request-attachment.entity.js';
import { RequestJournal } from './request-journal.js';
import { RequestRepository } from './request.repository.js';
import { RequestEventType } from './request.enums.js';

/**
 * Who sees an attachment: whoever reads its request, narrowed like the rest of the request — files on internal
 * notes for NATO staff only, nominees' documents (personalData) only for those who may read the participants
 * (request-access.ts: the partner's users, the routed section, covering coordinators, keys granted personal data;
 * not administrators).
 */
export function canSeeAttachment(ctx: RequestContext, request: Pick<CooperationRequest, 'partnerId' | 'routedSectionId' | 'submittedAt'>, attachment: Pick<RequestAttachment, 'internal' | 'personalData'>): boolean {
  if (!canReadRequest(ctx, request)) return false;
  if (attachment.internal && !seesInternalNotes(ctx)) return false;
  return !attachment.personalData || personalDataAccess(ctx, request);
}

export interface AttachOptions {
  commentId?: string | null;
  personalData?: boolean;
}

/** Files on requests and comments (issue #16 item 4): upload, download, removal; limits from the settings. */
@Injectable()
export class RequestAttachmentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: RequestRepository,
    private readonly attachments: AttachmentRepository,
    private readonly stores: AttachmentStores,
    private readonly journal: RequestJournal,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Attaches a file to a request the caller reaches (or to the caller's own comment on it). The type comes from
   * the content; the request's row is locked so two uploads cannot pass the count limit together. Timeline entry
   * and audit event commit with the bytes (PostgreSQL store).
   */
  async attach(ctx: RequestContext, requestId: string, upload: Upload, options: AttachOptions): Promise<RequestAttachment> {
    if (!isUUID(requestId)) throw DomainError.notFound('Request');
    if (options.commentId && !isUUID(options.commentId)) throw DomainError.badInput('commentId must be the id of a comment on this request.', 'commentId');
    if (upload.bytes.length > this.config.ATTACHMENT_MAX_BYTES) throw DomainError.badInput(`The file is larger than the limit of ${formatBytes(this.config.ATTACHMENT_MAX_BYTES)}.`, 'file');
    const allowed = this.config.attachmentTypes;
    const { kind, known } = await detectKind(upload.bytes);
    if (!known || !allowed.includes(kind)) {
      const what = known || kind !== 'unknown' ? `a ${ATTACHMENT_KINDS[kind]?.label ?? kind.toUpperCase()} file` : 'of a type we cannot recognise';
      throw DomainError.badInput(`This file is ${what}, whatever its name says; attach ${allowed.map((k) => ATTACHMENT_KINDS[k]!.label).join(', ')}.`, 'file');
    }
    const fileName = cleanFileName(upload.fileName, kind);
    return this.uow.run(ctx, async (tx) => {
      const request = await this.requests.findReachable(tx, requestId, true);
      if (!request) throw DomainError.notFound('Request');
      const personalData = options.personalData === true;
      if (personalData && !personalDataAccess(tx, request)) {
        throw DomainError.forbidden("Nominees' documents are for the partner's users and the staff responsible for this request; attach it without personalData, or ask them.");
      }
      let internal = false;
      if (options.commentId) {
        const comment = (await this.requests.commentsOf(tx, [request.id], seesInternalNotes(tx))).find((c) => c.id === options.commentId);
        if (!comment) throw DomainError.notFound('Comment');
        if (comment.authorId !== (tx.actor?.kind === 'user' ? tx.actor.id : undefined)) throw DomainError.forbidden('Only its author attaches files to a comment; attach the file to the request instead.');
        internal = comment.internal;
      }
      const present = await this.attachments.countPresent(tx, request.id);
      if (present >= this.config.ATTACHMENT_MAX_PER_REQUEST) {
        throw DomainError.badInput(`Request ${request.reference} already has ${present} attachments, the most allowed; remove one first.`, 'file');
      }
      const id = randomUUID();
      const store = this.stores.current;
      const attachment = await this.attachments.insert(tx, {
        id,
        request_id: request.id,
        comment_id: options.commentId ?? null,
        file_name: fileName,
        content_type: ATTACHMENT_KINDS[kind]!.contentType,
        size_bytes: upload.bytes.length,
        sha256: createHash('sha256').update(upload.bytes).digest('hex'),
        personal_data: personalData,
        internal,
        store: store.name,
        storage_key: id,
        uploaded_by: tx.actor?.kind === 'user' ? tx.actor.id : null,
      });
      await store.put(tx, attachment.storageKey, upload.bytes, attachment.contentType);
      await this.requests.touch(tx, request.id);
      await this.journal.timeline(tx, request.id, [{ type: RequestEventType.ATTACHMENT_ADDED, attachmentId: id, commentId: options.commentId ?? null, internal }]);
      // The name can be personal data (a nominee's CV): the audit keeps the type and size, the row keeps the name.
      await this.journal.recordAudit(tx, 'request.attachment.add', request.id, { attachmentId: id, contentType: attachment.contentType, size: attachment.size, personalData, commentId: options.commentId ?? null });
      return attachment;
    });
  }

  /** The file and its bytes, if the caller may see it; NOT_FOUND otherwise (never a hint that it exists). */
  async download(ctx: RequestContext, id: string): Promise<{ attachment: RequestAttachment; bytes: Buffer }> {
    if (!isUUID(id)) throw DomainError.notFound('Attachment');
    const attachment = await this.attachments.findById(ctx, id);
    if (!attachment || attachment.removedAt) throw DomainError.notFound('Attachment');
    const request = await this.requests.findReachable(ctx, attachment.requestId);
    if (!request || !canSeeAttachment(ctx, request, attachment)) throw DomainError.notFound('Attachment');
    const bytes = await this.stores.of(attachment.store).get(ctx, attachment.storageKey);
    if (!bytes) throw DomainError.notFound('Attachment');
    // Nominees' documents are personal data: each read is recorded, like the participants'.
    if (attachment.personalData) await this.audit.recordRead(ctx, 'request.attachment.read', { type: 'RequestAttachment', id: attachment.id });
    return { attachment, bytes };
  }

  /**
   * Removes a file: its uploader, or NATO staff handling the request. The bytes go; the row stays (removedAt) so
   * the timeline entry, which carries the reason, still names it.
   */
  remove(ctx: RequestContext, id: string, reason: string | null | undefined): Promise<RequestAttachment> {
    if (!isUUID(id)) throw DomainError.notFound('Attachment');
    const why = reason?.trim() || null;
    if (why && why.length > 1000) throw DomainError.badInput('reason: at most 1000 characters.', 'reason');
    return this.uow.run(ctx, async (tx) => {
      const found = await this.attachments.findById(tx, id);
      if (!found || found.removedAt) throw DomainError.notFound('Attachment');
      const request = await this.requests.findReachable(tx, found.requestId, true);
      if (!request || !canSeeAttachment(tx, request, found)) throw DomainError.notFound('Attachment');
      const attachment = (await this.attachments.findById(tx, id, true))!;
      if (attachment.removedAt) throw DomainError.notFound('Attachment');
      const userId = tx.actor?.kind === 'user' ? tx.actor.id : null;
      const staff = tx.can(Permission.TriageRequests);
      if (attachment.uploadedBy !== userId && !staff) throw DomainError.forbidden('Only whoever attached this file, or the staff handling the request, can remove it.');
      await this.attachments.markRemoved(tx, id, userId);
      await this.stores.of(attachment.store).remove(tx, attachment.storageKey);
      await this.requests.touch(tx, request.id);
      await this.journal.timeline(tx, request.id, [{ type: RequestEventType.ATTACHMENT_REMOVED, attachmentId: id, commentId: attachment.commentId, reason: why, internal: attachment.internal }]);
      await this.journal.recordAudit(tx, 'request.attachment.remove', request.id, { attachmentId: id, reason: why, personalData: attachment.personalData });
      return (await this.attachments.findById(tx, id))!;
    });
  }
}

/** The name as given, without any path, control characters or quotes, at most 255 characters; a name if none. */
function cleanFileName(given: string | undefined, kind: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (given ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001F\u007F"]/g, '').trim();
  const name = base || `attachment.${kind}`;
  return name.length > 255 ? name.slice(name.length - 255) : name;
}

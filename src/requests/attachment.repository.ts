import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { Sql } from '../common/database/sql.js';
import { RequestAttachment } from './request-attachment.entity.js';

export interface NewAttachmentRow {
  id: string;
  request_id: string;
  comment_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  personal_data: boolean;
  internal: boolean;
  store: string;
  storage_key: string;
  uploaded_by: string | null;
}

/** What the access rule needs of an attachment's request (request-access.ts), read with it. */
export interface AttachmentWithRequest {
  attachment: RequestAttachment;
  request: { partnerId: string; routedSectionId: string | null; submittedAt: Date | null };
}

const REQUEST_FACTS = 'r.partner_id AS "req_partner_id", r.routed_section_id AS "req_routed_section_id", r.submitted_at AS "req_submitted_at"';

/**
 * Statements on request_attachment and attachment_content (the PostgreSQL AttachmentStore's bytes). Callers have
 * checked the request is in reach (RequestAttachmentsService); the loaders' batches read only requests the
 * resolver already holds.
 */
@Injectable()
export class AttachmentRepository {
  private readonly attachments: RowMapper<RequestAttachment>;

  constructor(
    private readonly sql: Sql,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.attachments = RowMapper.of(dataSource.getMetadata(RequestAttachment));
  }

  async insert(ctx: RequestContext, row: NewAttachmentRow): Promise<RequestAttachment> {
    const created = await this.sql.one<Record<string, unknown>>(
      ctx,
      `INSERT INTO request_attachment AS a (id, request_id, comment_id, file_name, content_type, size_bytes, sha256, personal_data, internal, store, storage_key, uploaded_by)
       VALUES (:id, :request_id, :comment_id, :file_name, :content_type, :size_bytes, :sha256, :personal_data, :internal, :store, :storage_key, :uploaded_by)
       RETURNING ${this.attachments.select('a')}`,
      { ...row },
    );
    return this.attachments.map(created!, 'a_')!;
  }

  /** One attachment, removed or not; `lock` holds it for the rest of the unit of work. */
  async findById(ctx: RequestContext, id: string, lock = false): Promise<RequestAttachment | undefined> {
    const row = await this.sql.one<Record<string, unknown>>(ctx, `SELECT ${this.attachments.select('a')} FROM request_attachment a WHERE a.id = :id${lock ? ' FOR UPDATE' : ''}`, { id });
    return row && this.attachments.map(row, 'a_');
  }

  /** Attachments (removed ones too: the timeline names them) by id with their request's facts, a DataLoader batch. */
  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<AttachmentWithRequest[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(
      ctx,
      `SELECT ${this.attachments.select('a')}, ${REQUEST_FACTS} FROM request_attachment a JOIN cooperation_request r ON r.id = a.request_id WHERE a.id = ANY(:ids::uuid[])`,
      { ids: [...ids] },
    );
    return rows.map((row) => this.withRequest(row));
  }

  /** The present attachments of the requests (the comments' ones included), oldest first, with their request's facts: a DataLoader batch. */
  async ofRequests(ctx: RequestContext, requestIds: readonly string[]): Promise<AttachmentWithRequest[]> {
    const rows = await this.sql.rows<Record<string, unknown>>(
      ctx,
      `SELECT ${this.attachments.select('a')}, ${REQUEST_FACTS} FROM request_attachment a JOIN cooperation_request r ON r.id = a.request_id
        WHERE a.request_id = ANY(:ids::uuid[]) AND a.removed_at IS NULL ORDER BY a.created_at, a.id`,
      { ids: [...requestIds] },
    );
    return rows.map((row) => this.withRequest(row));
  }

  private withRequest(row: Record<string, unknown>): AttachmentWithRequest {
    return {
      attachment: this.attachments.map(row, 'a_')!,
      request: { partnerId: row.req_partner_id as string, routedSectionId: (row.req_routed_section_id as string | null) ?? null, submittedAt: (row.req_submitted_at as Date | null) ?? null },
    };
  }

  async countPresent(ctx: RequestContext, requestId: string): Promise<number> {
    const row = await this.sql.one<{ n: number }>(ctx, 'SELECT count(*)::int AS n FROM request_attachment WHERE request_id = :requestId AND removed_at IS NULL', { requestId });
    return row?.n ?? 0;
  }

  async markRemoved(ctx: RequestContext, id: string, removedBy: string | null): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE request_attachment SET removed_at = now(), removed_by = :removedBy WHERE id = :id AND removed_at IS NULL', { id, removedBy });
  }

  // The PostgreSQL store's bytes

  async putContent(ctx: RequestContext, attachmentId: string, content: Buffer): Promise<void> {
    await this.sql.execute(ctx, 'INSERT INTO attachment_content (attachment_id, content) VALUES (:attachmentId, :content)', { attachmentId, content });
  }

  async content(ctx: RequestContext, attachmentId: string): Promise<Buffer | undefined> {
    const row = await this.sql.one<{ content: Buffer }>(ctx, 'SELECT content FROM attachment_content WHERE attachment_id = :attachmentId', { attachmentId });
    return row?.content;
  }

  async deleteContent(ctx: RequestContext, attachmentId: string): Promise<void> {
    await this.sql.execute(ctx, 'DELETE FROM attachment_content WHERE attachment_id = :attachmentId', { attachmentId });
  }
}

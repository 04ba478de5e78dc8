import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { AttachmentRepository } from './attachment.repository.js';

/**
 * Where attachments' bytes live. The metadata row (request_attachment) is always in PostgreSQL, written in the
 * caller's unit of work; a store keeps the bytes under a key. `put` and `remove` take that unit of work, so with
 * the PostgreSQL store the bytes commit or roll back with the row. ATTACHMENT_STORE picks the implementation.
 */
export abstract class AttachmentStore {
  /** Recorded on each row (request_attachment.store), so a later change of store still finds older files. */
  abstract readonly name: string;
  /** Keeps the bytes under `key` (the attachment's id), after its row was written in the same unit of work. */
  abstract put(tx: RequestContext, key: string, bytes: Buffer): Promise<void>;
  abstract get(ctx: RequestContext, key: string): Promise<Buffer | undefined>;
  abstract remove(tx: RequestContext, key: string): Promise<void>;
}

/** The default: a bytea row per file (attachment_content), backed up and restored with the database. */
@Injectable()
export class PostgresAttachmentStore extends AttachmentStore {
  readonly name = 'postgres';

  constructor(private readonly attachments: AttachmentRepository) {
    super();
  }

  put(tx: RequestContext, key: string, bytes: Buffer): Promise<void> {
    return this.attachments.putContent(tx, key, bytes);
  }

  get(ctx: RequestContext, key: string): Promise<Buffer | undefined> {
    return this.attachments.content(ctx, key);
  }

  remove(tx: RequestContext, key: string): Promise<void> {
    return this.attachments.deleteContent(tx, key);
  }
}

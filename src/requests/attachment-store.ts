import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { AppConfig } from '../config/app-config.js';
import { AttachmentRepository } from './attachment.repository.js';

/**
 * Where attachments' bytes live. The metadata row (request_attachment) is always in PostgreSQL, written in the
 * caller's unit of work; a store keeps the bytes under a key (the attachment's id), written after the row.
 */
export abstract class AttachmentStore {
  /** Recorded on each row (request_attachment.store), so a later change of ATTACHMENT_STORE still finds older files. */
  abstract readonly name: string;
  abstract put(tx: RequestContext, key: string, bytes: Buffer, contentType: string): Promise<void>;
  abstract get(ctx: RequestContext, key: string): Promise<Buffer | undefined>;
  abstract remove(tx: RequestContext, key: string): Promise<void>;
}

/**
 * The default: a bytea row per file (attachment_content) in the same transaction as the attachment's row, its
 * timeline entry and its audit event (all or nothing), backed up and restored with the database.
 */
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

/**
 * An S3-compatible bucket (S3_*), for deployments that keep files out of the database. A bucket is not part of the
 * unit of work: the object is written after the row inside it, so a failed upload rolls the row back; a transaction
 * that fails after the object was written leaves an orphan object (never served: no row points at it), and a removal
 * deletes the object before the row's change commits (the row then says removed or, on failure, present and 404s).
 */
@Injectable()
export class S3AttachmentStore extends AttachmentStore implements OnApplicationShutdown {
  readonly name = 's3';
  private client: S3Client | undefined;

  constructor(private readonly config: AppConfig) {
    super();
  }

  private s3(): { client: S3Client; bucket: string } {
    const bucket = this.config.S3_BUCKET;
    if (!bucket) throw new Error('S3_BUCKET is not set: this attachment is kept in an S3 bucket the configuration no longer names.');
    this.client ??= new S3Client({
      region: this.config.S3_REGION,
      endpoint: this.config.S3_ENDPOINT,
      forcePathStyle: this.config.S3_FORCE_PATH_STYLE,
      // Checksums only where S3 requires them: many S3-compatible stores do not know the newer ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: this.config.S3_ACCESS_KEY_ID && this.config.S3_SECRET_ACCESS_KEY ? { accessKeyId: this.config.S3_ACCESS_KEY_ID, secretAccessKey: this.config.S3_SECRET_ACCESS_KEY } : undefined,
    });
    return { client: this.client, bucket };
  }

  async put(_tx: RequestContext, key: string, bytes: Buffer, contentType: string): Promise<void> {
    const { client, bucket } = this.s3();
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey(key), Body: bytes, ContentType: contentType, ContentLength: bytes.length }));
  }

  async get(_ctx: RequestContext, key: string): Promise<Buffer | undefined> {
    const { client, bucket } = this.s3();
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async remove(_tx: RequestContext, key: string): Promise<void> {
    const { client, bucket } = this.s3();
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
  }

  onApplicationShutdown(): void {
    this.client?.destroy();
  }
}

/** Objects under a prefix, so the bucket can be shared with other uses. */
function objectKey(key: string): string {
  return `attachments/${key}`;
}

/** The store new files go to (ATTACHMENT_STORE), and each existing file's own (request_attachment.store). */
@Injectable()
export class AttachmentStores {
  private readonly byName: ReadonlyMap<string, AttachmentStore>;

  constructor(
    private readonly config: AppConfig,
    postgres: PostgresAttachmentStore,
    s3: S3AttachmentStore,
  ) {
    this.byName = new Map<string, AttachmentStore>([
      [postgres.name, postgres],
      [s3.name, s3],
    ]);
  }

  get current(): AttachmentStore {
    return this.of(this.config.ATTACHMENT_STORE);
  }

  of(name: string): AttachmentStore {
    const store = this.byName.get(name);
    if (!store) throw new Error(`Unknown attachment store ${JSON.stringify(name)}.`);
    return store;
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every request event type before this migration, then the two it adds. */
const EVENT_TYPES = [
  'CREATED', 'UPDATED', 'SUBMITTED', 'ROUTED', 'REROUTED', 'STATUS_CHANGED', 'ASSIGNED', 'COMMENTED', 'SEATS_ALLOCATED', 'SEATS_RELEASED',
  'NOMINEES_DECIDED', 'SEAT_OFFERED', 'SEAT_CONFIRMED', 'SEAT_OFFER_LAPSED', 'SEAT_OFFER_DECLINED', 'NOMINEES_CHANGED',
  'SUBSTITUTION_REQUESTED', 'SUBSTITUTION_APPROVED', 'SUBSTITUTION_REJECTED',
];
const ATTACHMENT_EVENT_TYPES = ['ATTACHMENT_ADDED', 'ATTACHMENT_REMOVED'];

const typeCheck = (types: string[]) => `ALTER TABLE request_event ADD CONSTRAINT request_event_type_check CHECK (type IN (${types.map((t) => `'${t}'`).join(', ')}))`;

/**
 * Issue #16 items 3 and 4.
 *
 * request_attachment: a file on a request (or on one of its comments). The row stays when the file is removed
 * (removed_at), so the timeline can still name what was removed; the bytes go. `personal_data` marks nominee
 * documents (CVs, certificates): only those who may read the request's participants see them. `store` says
 * where the bytes are: attachment_content (bytea, the default) or an S3-compatible bucket under storage_key.
 *
 * catalogue_import: an administrator's import file, checked by a dry run and then applied by a background job
 * that reports its progress here (rows done, errors).
 */
export class AttachmentsAndCatalogueImports1764900300000 implements MigrationInterface {
  name = 'AttachmentsAndCatalogueImports1764900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE request_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES cooperation_request(id) ON DELETE CASCADE,
        comment_id uuid REFERENCES request_comment(id) ON DELETE CASCADE,
        file_name text NOT NULL CONSTRAINT request_attachment_file_name_check CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size_bytes int NOT NULL CONSTRAINT request_attachment_size_check CHECK (size_bytes > 0),
        sha256 text NOT NULL,
        personal_data boolean NOT NULL DEFAULT false,
        internal boolean NOT NULL DEFAULT false,
        store text NOT NULL CONSTRAINT request_attachment_store_check CHECK (store IN ('postgres', 's3')),
        storage_key text NOT NULL,
        uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        removed_by uuid REFERENCES app_user(id) ON DELETE SET NULL
      )`);
    await q.query('CREATE INDEX request_attachment_request_idx ON request_attachment (request_id, created_at)');
    await q.query('CREATE INDEX request_attachment_comment_idx ON request_attachment (comment_id) WHERE comment_id IS NOT NULL');
    await q.query(`
      CREATE TABLE attachment_content (
        attachment_id uuid PRIMARY KEY REFERENCES request_attachment(id) ON DELETE CASCADE,
        content bytea NOT NULL
      )`);
    // The bytes are already compressed (PDF, DOCX, XLSX, PNG, JPEG) or small: no point in TOAST compressing them.
    await q.query('ALTER TABLE attachment_content ALTER COLUMN content SET STORAGE EXTERNAL');

    await q.query('ALTER TABLE request_event ADD COLUMN attachment_id uuid REFERENCES request_attachment(id) ON DELETE SET NULL');
    await q.query('ALTER TABLE request_event DROP CONSTRAINT request_event_type_check');
    await q.query(typeCheck([...EVENT_TYPES, ...ATTACHMENT_EVENT_TYPES]));

    await q.query(`
      CREATE TABLE catalogue_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name text NOT NULL,
        format text NOT NULL CONSTRAINT catalogue_import_format_check CHECK (format IN ('CSV', 'XLSX')),
        status text NOT NULL DEFAULT 'QUEUED' CONSTRAINT catalogue_import_status_check CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        rows_total int NOT NULL DEFAULT 0,
        rows_done int NOT NULL DEFAULT 0,
        created_count int NOT NULL DEFAULT 0,
        updated_count int NOT NULL DEFAULT 0,
        unchanged_count int NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query('CREATE INDEX catalogue_import_created_idx ON catalogue_import (created_at DESC, id)');
    // The file itself, apart, so listing imports never reads it; dropped once the job finished.
    await q.query(`
      CREATE TABLE catalogue_import_file (
        import_id uuid PRIMARY KEY REFERENCES catalogue_import(id) ON DELETE CASCADE,
        content bytea NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE catalogue_import_file');
    await q.query('DROP TABLE catalogue_import');
    await q.query(`DELETE FROM request_event WHERE type IN (${ATTACHMENT_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`);
    await q.query('ALTER TABLE request_event DROP CONSTRAINT request_event_type_check');
    await q.query(typeCheck(EVENT_TYPES));
    await q.query('ALTER TABLE request_event DROP COLUMN attachment_id');
    await q.query('DROP TABLE attachment_content');
    await q.query('DROP TABLE request_attachment');
  }
}

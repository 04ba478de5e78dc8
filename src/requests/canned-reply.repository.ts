import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import { contentLanguage } from '../common/i18n/language.js';
import type { CannedReply } from './canned-reply.js';

export interface CannedReplyRow {
  id: string;
  section_id: string | null;
  position: number;
  title_en: string;
  title_fr: string;
  body_en: string;
  body_fr: string;
}

export type CannedReplyTexts = Pick<CannedReplyRow, 'title_en' | 'title_fr' | 'body_en' | 'body_fr'>;

const COLUMNS = 'id, section_id, position, title_en, title_fr, body_en, body_fr';

/** canned_reply: the replies of one section and those of every section (section_id NULL), first by position. */
@Injectable()
export class CannedReplyRepository {
  constructor(private readonly sql: Sql) {}

  /** The picker's replies for a request routed to the section, in the content language. */
  forSection(ctx: RequestContext, sectionId: string | null): Promise<CannedReply[]> {
    const fr = contentLanguage(ctx) === 'fr';
    return this.sql.rows<CannedReply>(
      ctx,
      `SELECT id, ${fr ? 'title_fr' : 'title_en'} AS title, ${fr ? 'body_fr' : 'body_en'} AS body
         FROM canned_reply WHERE section_id IS NULL OR section_id = :sectionId::uuid
        ORDER BY section_id NULLS LAST, position, id`,
      { sectionId },
    );
  }

  /** Every reply (sectionIds null) or those of every section and of the sections given, in both languages. */
  list(ctx: RequestContext, sectionIds: readonly string[] | null): Promise<CannedReplyRow[]> {
    return this.sql.rows<CannedReplyRow>(
      ctx,
      `SELECT ${COLUMNS} FROM canned_reply
        WHERE :all OR section_id IS NULL OR section_id = ANY(:sectionIds::uuid[])
        ORDER BY section_id NULLS FIRST, position, id`,
      { all: sectionIds === null, sectionIds: [...(sectionIds ?? [])] },
    );
  }

  /** One reply, locked for the change that follows. */
  async lock(ctx: RequestContext, id: string): Promise<CannedReplyRow | undefined> {
    return this.sql.one<CannedReplyRow>(ctx, `SELECT ${COLUMNS} FROM canned_reply WHERE id = :id FOR UPDATE`, { id });
  }

  async insert(ctx: RequestContext, sectionId: string | null, position: number | null, texts: CannedReplyTexts): Promise<CannedReplyRow> {
    const row = await this.sql.one<CannedReplyRow>(
      ctx,
      `INSERT INTO canned_reply (section_id, position, title_en, title_fr, body_en, body_fr)
       VALUES (:sectionId::uuid,
               COALESCE(:position::int, (SELECT COALESCE(max(position), 0) + 1 FROM canned_reply WHERE section_id IS NOT DISTINCT FROM :sectionId::uuid)),
               :titleEn, :titleFr, :bodyEn, :bodyFr)
       RETURNING ${COLUMNS}`,
      { sectionId, position, titleEn: texts.title_en, titleFr: texts.title_fr, bodyEn: texts.body_en, bodyFr: texts.body_fr },
    );
    return row!;
  }

  async update(ctx: RequestContext, id: string, position: number | null, texts: CannedReplyTexts): Promise<CannedReplyRow> {
    const row = await this.sql.one<CannedReplyRow>(
      ctx,
      `UPDATE canned_reply SET position = COALESCE(:position::int, position), title_en = :titleEn, title_fr = :titleFr, body_en = :bodyEn, body_fr = :bodyFr
        WHERE id = :id RETURNING ${COLUMNS}`,
      { id, position, titleEn: texts.title_en, titleFr: texts.title_fr, bodyEn: texts.body_en, bodyFr: texts.body_fr },
    );
    return row!;
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.sql.execute(ctx, 'DELETE FROM canned_reply WHERE id = :id', { id });
  }
}

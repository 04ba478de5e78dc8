import { Injectable } from '@nestjs/common';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import { contentLanguage } from '../common/i18n/language.js';

/** A ready-made text staff can insert into a comment or an information request (issue #18). */
@ObjectType()
export class CannedReply {
  @Field(() => ID)
  id: string;

  @Field({ description: 'In the content language.' })
  title: string;

  @Field({ description: 'In the content language; the person edits it before sending.' })
  body: string;
}

/** canned_reply: the replies of one section and those of every section, first by position. */
@Injectable()
export class CannedReplyRepository {
  constructor(private readonly sql: Sql) {}

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
}

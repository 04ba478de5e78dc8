import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { OptionalSectionCode } from '../common/graphql/code-fields.js';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

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

/** A canned reply as its managers see it: both languages, its section (null: every section), and whether you may change it. */
@ObjectType({ description: "A canned reply with both languages, for the screen that manages them: a section's (its staff manage it) or every section's (administrators)." })
export class ManagedCannedReply {
  @Field(() => ID)
  id: string;

  /** Resolved to `section` (null: every section's). */
  sectionId: string | null;

  @Field(() => Int, { description: 'Order in the picker, within its section (every section\'s come after the section\'s own).' })
  position: number;

  @Field()
  titleEn: string;

  @Field()
  titleFr: string;

  @Field()
  bodyEn: string;

  @Field()
  bodyFr: string;

  @Field({ description: 'Whether you may edit or delete it (staff: their sections\' replies; administrators: all).' })
  canEdit: boolean;
}

@InputType({ description: 'Creates a canned reply (no id) or replaces one (id). Both languages are required: the picker shows each person theirs.' })
export class CannedReplyInput {
  @Field(() => ID, { nullable: true, description: 'The reply to change; omit to create one.' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be the id of a canned reply' })
  id?: string | null;

  @OptionalSectionCode(
    "The section whose staff see it (one of yours for section staff); null: every section's, which only administrators manage. Ignored when changing a reply: a reply keeps its section.",
  )
  sectionCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Order in the picker; new replies go last by default.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number | null;

  @Field()
  @IsString()
  @MaxLength(120)
  titleEn: string;

  @Field()
  @IsString()
  @MaxLength(120)
  titleFr: string;

  @Field()
  @IsString()
  @MaxLength(4000)
  bodyEn: string;

  @Field()
  @IsString()
  @MaxLength(4000)
  bodyFr: string;
}

import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Connection } from '../../common/pagination/connection.js';

export const ACTOR_KINDS = ['user', 'apiKey', 'system', 'anonymous'] as const;

@ObjectType('AuditEvent', { description: 'One thing that happened: who did what to which record, from where. Newest first.' })
export class AuditEventNode {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  @Field({ description: 'user, apiKey, system or anonymous.' })
  actorKind: string;

  @Field(() => String, { nullable: true, description: 'The user or API key id.' })
  actorId: string | null;

  @Field({ description: 'Dotted verb, e.g. auth.login, user.create, offering.publish.' })
  action: string;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field({ description: 'What the event recorded beyond who and what, as the text of a JSON object (secrets are never recorded).' })
  details: string;

  @Field(() => String, { nullable: true, description: 'The client address.' })
  ip: string | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEventNode, 'AuditEvent') {}

@InputType({ description: 'Narrows the audit trail; all given conditions apply.' })
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'user, apiKey, system or anonymous.' })
  @IsOptional()
  @IsIn(ACTOR_KINDS)
  actorKind?: string | null;

  @Field(() => String, { nullable: true, description: 'The user or API key id.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'An action (auth.login), or every action of a family when it ends with a dot (auth.).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_.]+$/, { message: 'action must be a dotted verb such as auth.login, or a family such as auth.' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'The type of record, e.g. User, CooperationRequest, ApiKey.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetType?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this time.' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this time.' })
  @IsOptional()
  to?: Date | null;
}

@ObjectType({ description: 'The filtered audit trail as CSV (RFC 4180), newest first.' })
export class AuditEventExport {
  @Field({ description: 'Header row, then one row per event.' })
  csv: string;

  @Field(() => Int)
  rowCount: number;

  @Field({ description: 'True when more events matched than one export holds: narrow the filter (e.g. the time range).' })
  truncated: boolean;
}

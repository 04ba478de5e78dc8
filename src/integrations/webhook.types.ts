import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OptionalPartnerCode, OptionalSectionCode } from '../common/graphql/code-fields.js';
import { Connection } from '../common/pagination/connection.js';

/** What happened, as a receiver subscribes to it. Emitted by code (each type is one place in a service), so an enum. */
export enum WebhookEventType {
  REQUEST_SUBMITTED = 'REQUEST_SUBMITTED',
  REQUEST_STATUS_CHANGED = 'REQUEST_STATUS_CHANGED',
  REQUEST_COMMENT_ADDED = 'REQUEST_COMMENT_ADDED',
  OFFERING_PUBLISHED = 'OFFERING_PUBLISHED',
  OFFERING_CHANGED = 'OFFERING_CHANGED',
  ITERATION_CHANGED = 'ITERATION_CHANGED',
}

/** Which events an endpoint may receive: like an API key's scope. */
export enum WebhookScope {
  /** Every event. */
  GLOBAL = 'GLOBAL',
  /** Requests of one partner; catalogue events of published offerings only. */
  PARTNER = 'PARTNER',
  /** Requests routed to one section; catalogue events of the offerings it owns. */
  SECTION = 'SECTION',
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}

registerEnumType(WebhookEventType, { name: 'WebhookEventType', description: 'An event an outbound webhook can carry.' });
registerEnumType(WebhookScope, {
  name: 'WebhookScope',
  description: 'What an endpoint may receive, as an API key scope.',
  valuesMap: {
    GLOBAL: { description: 'Every event.' },
    PARTNER: { description: "One partner's requests; catalogue events of published offerings. Never another partner's data." },
    SECTION: { description: 'Requests routed to one section; catalogue events of the offerings it owns.' },
  },
});

@ObjectType({ description: 'An outbound webhook: where events are POSTed, signed with its secret (README, "Outbound webhooks").' })
export class WebhookEndpoint {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'http:// or https:// address the events are POSTed to.' })
  url: string;

  @Field(() => WebhookScope)
  scope: WebhookScope;

  partnerId: string | null;
  sectionId: string | null;

  @Field(() => [WebhookEventType])
  eventTypes: WebhookEventType[];

  @Field({ description: 'False once disabled (by an administrator, or after too many consecutive failures).' })
  active: boolean;

  @Field(() => Int, { description: 'Failed attempts in a row; reset by a success or by re-enabling.' })
  consecutiveFailures: number;

  @Field(() => Date, { nullable: true })
  disabledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was disabled, e.g. after 10 consecutive failures.' })
  disabledReason: string | null;

  @Field(() => Date, { nullable: true, description: 'Until then the previous secret signs too (a second v1 in X-PCP-Signature).' })
  previousSecretExpiresAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'One attempt to deliver an event to an endpoint: the delivery log.' })
export class WebhookAttempt {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The delivery (event and endpoint); the same as the X-PCP-Delivery header.' })
  deliveryId: string;

  @Field(() => ID, { description: 'The event; the same as X-PCP-Event-Id, for receivers to drop duplicates.' })
  eventId: string;

  @Field(() => WebhookEventType)
  eventType: WebhookEventType;

  @Field(() => Int, { description: '1 for the first try, then each retry.' })
  attempt: number;

  @Field()
  at: Date;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the receiver answered; null when none (refused, timed out).' })
  statusCode: number | null;

  @Field(() => Int)
  durationMs: number;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field()
  succeeded: boolean;
}

@ObjectType()
export class WebhookEndpointConnection extends Connection(WebhookEndpoint) {}

@ObjectType()
export class WebhookAttemptConnection extends Connection(WebhookAttempt) {}

@ObjectType({ description: 'An endpoint and its signing secret, shown only here.' })
export class WebhookSecretPayload {
  @Field(() => WebhookEndpoint)
  endpoint: WebhookEndpoint;

  @Field({ description: 'whsec_…: keep it with the receiver; it is never shown again.' })
  secret: string;
}

@InputType({ description: 'A new endpoint: PARTNER names a partner, SECTION a section, GLOBAL neither.' })
export class CreateWebhookEndpointInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field()
  @IsString()
  @MaxLength(2000)
  url: string;

  @Field(() => WebhookScope)
  @IsEnum(WebhookScope)
  scope: WebhookScope;

  @OptionalPartnerCode()
  partnerCode?: string | null;

  @OptionalSectionCode()
  sectionCode?: string | null;

  @Field(() => [WebhookEventType])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsEnum(WebhookEventType, { each: true })
  eventTypes: WebhookEventType[];
}

@InputType({ description: 'Changes to an endpoint; fields left out are kept. active: true re-enables it and clears its failures.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsEnum(WebhookEventType, { each: true })
  eventTypes?: WebhookEventType[] | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@InputType({ description: 'A new secret; the old one keeps signing (a second v1) for overlapMinutes.' })
export class RotateWebhookSecretInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int, { nullable: true, defaultValue: 1440, description: 'Minutes both secrets sign (default 1440, a day; 0 ends the old one now).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(43_200)
  overlapMinutes?: number | null;
}

import { Injectable } from '@nestjs/common';
import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { MailMessageRepository } from './mail-message.repository.js';
import { MailDelivery, MAIL_NOTICE_KINDS } from './notice-kinds.js';

registerEnumType(MailDelivery, {
  name: 'MailDelivery',
  description: 'How a kind of notice reaches you by mail (in-app notices are always kept).',
  valuesMap: {
    IMMEDIATE: { description: 'A mail for each notice, at once (the default).' },
    DAILY_DIGEST: { description: 'One mail a day listing the notices of this kind (MAIL_DIGEST_CRON).' },
    OFF: { description: 'No mail; the notice is in the app only.' },
  },
});

@ObjectType({ description: 'Your mail preference for one kind of notice.' })
export class NoticePreference {
  @Field({ description: 'STATUS_CHANGED, COMMENT_ADDED, SEAT_OFFERED, SEAT_OFFER_LAPSED, NOMINEES_APPROVED, NOMINEES_REJECTED or SURVEY_REQUESTED.' })
  kind: string;

  @Field(() => MailDelivery)
  delivery: MailDelivery;
}

/** Each person's mail preferences per kind of notice (notification_preference). */
@Injectable()
export class MailPreferences {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly mails: MailMessageRepository,
    private readonly audit: AuditService,
  ) {}

  /** Every kind, with the caller's choice or IMMEDIATE. */
  async list(ctx: RequestContext): Promise<NoticePreference[]> {
    const me = this.person(ctx);
    const chosen = await this.mails.preferences(ctx, me);
    return MAIL_NOTICE_KINDS.map((kind) => ({ kind, delivery: (chosen.get(kind) as MailDelivery | undefined) ?? MailDelivery.IMMEDIATE }));
  }

  async set(ctx: RequestContext, kind: string, delivery: MailDelivery): Promise<NoticePreference[]> {
    const me = this.person(ctx);
    if (!(MAIL_NOTICE_KINDS as readonly string[]).includes(kind)) throw DomainError.badInput(`kind must be one of ${MAIL_NOTICE_KINDS.join(', ')}.`, 'kind');
    await this.uow.run(ctx, async (tx) => {
      await this.mails.setPreference(tx, me, kind, delivery);
      await this.audit.record(tx, 'user.mailPreference', { type: 'User', id: me }, { kind, delivery });
    });
    return this.list(ctx);
  }

  private person(ctx: RequestContext): string {
    if (ctx.actor?.kind !== 'user') throw DomainError.forbidden('Only people receive mail; API keys have no mail preferences.');
    return ctx.actor.id;
  }
}

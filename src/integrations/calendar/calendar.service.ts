import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../../audit/audit.service.js';
import { CatalogueLoaders } from '../../catalogue/catalogue-loaders.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { CalendarRepository, type FeedIterationRow, type FeedRequestRow } from './calendar.repository.js';
import { renderCalendar, type IcsEvent } from './ics.js';

type Lang = 'en' | 'fr';

const TEXT = {
  personal: { en: 'Partner Cooperation Portal — my calendar', fr: 'Portail de coopération avec les partenaires — mon agenda' },
  personalDescription: {
    en: 'Runs of the offerings you follow, their application deadlines, and the dates of your requests.',
    fr: 'Sessions des offres que vous suivez, leurs dates limites de candidature et les dates de vos demandes.',
  },
  catalogue: { en: 'Partner Cooperation Portal — catalogue', fr: 'Portail de coopération avec les partenaires — catalogue' },
  catalogueDescription: { en: 'Every scheduled run of the published catalogue, with application deadlines.', fr: 'Toutes les sessions du catalogue publié, avec les dates limites de candidature.' },
  deadline: { en: 'Application deadline', fr: 'Date limite de candidature' },
  request: { en: 'Request', fr: 'Demande' },
} satisfies Record<string, Record<Lang, string>>;

const UID_DOMAIN = 'partner-cooperation-portal';

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** What a calendar feed token looks like in a URL: 43 base64url characters (256 bits). */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Calendar feeds (issue #16 item 2): a personal feed per user behind a revocable token (only its SHA-256 is kept,
 * so the URL is shown once, when made), and the public catalogue feed when CATALOGUE_PUBLIC is on. Following an
 * offering puts its runs in the follower's feed.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly feeds: CalendarRepository,
    private readonly catalogue: CatalogueLoaders,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  feedUrl(token: string): string {
    return `${this.config.publicUrl}/calendar/${token}.ics`;
  }

  async feed(ctx: RequestContext): Promise<{ active: boolean; createdAt: Date | null }> {
    const found = await this.feeds.feedOf(ctx, this.person(ctx));
    return { active: Boolean(found), createdAt: found?.createdAt ?? null };
  }

  /** A new feed URL; the previous one stops working. */
  regenerate(ctx: RequestContext): Promise<{ url: string; createdAt: Date }> {
    const me = this.person(ctx);
    return this.uow.run(ctx, async (tx) => {
      const token = randomBytes(32).toString('base64url');
      const createdAt = await this.feeds.replaceToken(tx, me, sha256(token));
      await this.audit.record(tx, 'calendarFeed.regenerate', { type: 'User', id: me });
      return { url: this.feedUrl(token), createdAt };
    });
  }

  revoke(ctx: RequestContext): Promise<boolean> {
    const me = this.person(ctx);
    return this.uow.run(ctx, async (tx) => {
      const removed = (await this.feeds.revoke(tx, me)) > 0;
      if (removed) await this.audit.record(tx, 'calendarFeed.revoke', { type: 'User', id: me });
      return removed;
    });
  }

  /** Follows an offering the caller can see (its runs join their feed); people only, as their feed. */
  follow(ctx: RequestContext, offeringId: string, follow: boolean): Promise<boolean> {
    const me = this.person(ctx);
    return this.uow.run(ctx, async (tx) => {
      const offering = isUUID(offeringId) ? await this.catalogue.offeringById(tx).load(offeringId) : null;
      if (!offering) throw DomainError.notFound('The offering');
      const changed = follow ? await this.feeds.follow(tx, me, offeringId) : await this.feeds.unfollow(tx, me, offeringId);
      if (changed) await this.audit.record(tx, follow ? 'offering.follow' : 'offering.unfollow', { type: 'Offering', id: offeringId });
      return follow;
    });
  }

  /** Whether the caller follows the offering (batched per response); false for API keys. */
  followed(ctx: RequestContext, offeringId: string): Promise<boolean> {
    const me = ctx.actor?.kind === 'user' ? ctx.actor.id : null;
    if (!me) return Promise.resolve(false);
    return ctx.loaders
      .get<string, boolean>('calendar.followed', async (ids) => {
        const set = await this.feeds.followed(ctx, me, ids);
        return ids.map((id) => set.has(id));
      })
      .load(offeringId);
  }

  /** The personal feed of the token's owner, or null when the token is unknown or revoked. */
  async personalIcs(ctx: RequestContext, token: string): Promise<string | null> {
    if (!FEED_TOKEN.test(token)) return null;
    const owner = await this.feeds.ownerOf(ctx, sha256(token));
    if (!owner) return null;
    const lang: Lang = owner.language === 'fr' ? 'fr' : 'en';
    const [iterations, requests] = [await this.feeds.followedIterations(ctx, owner.userId), await this.feeds.requestDates(ctx, owner.userId)];
    return renderCalendar({
      name: TEXT.personal[lang],
      description: TEXT.personalDescription[lang],
      events: [...iterations.flatMap((i) => this.iterationEvents(i, lang)), ...requests.map((r) => this.requestEvent(r, lang))],
    });
  }

  /** The public catalogue feed; null when the catalogue is not public. */
  async catalogueIcs(ctx: RequestContext, language: string | undefined): Promise<string | null> {
    if (!this.config.CATALOGUE_PUBLIC) return null;
    const lang: Lang = language === 'fr' ? 'fr' : 'en';
    return renderCalendar({
      name: TEXT.catalogue[lang],
      description: TEXT.catalogueDescription[lang],
      events: (await this.feeds.catalogueIterations(ctx)).flatMap((i) => this.iterationEvents(i, lang)),
    });
  }

  /** The run (all-day) and, when it has one, its application deadline: 23:59 in the owning section's time zone. */
  private iterationEvents(i: FeedIterationRow, lang: Lang): IcsEvent[] {
    const title = (lang === 'fr' ? (i.titleFr ?? i.titleEn) : (i.titleEn ?? i.titleFr)) ?? i.code;
    const url = `${this.config.publicUrl}/offerings/${encodeURIComponent(i.code)}`;
    const cancelled = i.status === 'CANCELLED';
    const events: IcsEvent[] = [
      {
        uid: `iteration-${i.id}@${UID_DOMAIN}`,
        summary: `${title} (${i.code})`,
        location: i.location,
        url,
        days: { start: i.startDate, end: i.endDate },
        status: cancelled ? 'CANCELLED' : 'CONFIRMED',
        stamp: i.updatedAt,
      },
    ];
    if (i.applicationDeadline && !cancelled) {
      events.push({
        uid: `deadline-${i.id}@${UID_DOMAIN}`,
        summary: `${TEXT.deadline[lang]}: ${title} (${i.code})`,
        url,
        at: { local: `${i.applicationDeadline}T23:59`, timeZone: i.timeZone, minutes: 1 },
        stamp: i.updatedAt,
      });
    }
    return events;
  }

  private requestEvent(r: FeedRequestRow, lang: Lang): IcsEvent {
    return {
      uid: `request-${r.id}@${UID_DOMAIN}`,
      summary: `${TEXT.request[lang]} ${r.reference}: ${r.title}`,
      location: r.location,
      url: `${this.config.publicUrl}/requests/${r.id}`,
      days: { start: r.startDate, end: r.endDate < r.startDate ? r.startDate : r.endDate },
      status: r.status === 'APPROVED' ? 'TENTATIVE' : 'CONFIRMED',
      stamp: r.updatedAt,
    };
  }

  /** Feeds are for people: an API key has no calendar. */
  private person(ctx: RequestContext): string {
    if (!ctx.isAuthenticated) throw DomainError.unauthenticated();
    if (ctx.actor?.kind !== 'user') throw DomainError.forbidden('Calendar feeds belong to people; sign in as a user to manage yours.');
    return ctx.actor.id;
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { SupportMatch, SupportOffer, SupportOfferStatus } from './dto/matching.types.js';

const OFFER = `o.id, o.provider_kind AS "providerKind", o.provider_name AS "providerName", o.section_id AS "sectionId", o.support_type AS "supportType",
  o.title, o.description, o.area_id AS "areaId", o.topic_ids AS "topicIds", o.languages, o.available_from::text AS "availableFrom",
  o.available_to::text AS "availableTo", o.status, o.version, o.created_at AS "createdAt"`;
const MATCH = `m.id, m.offer_id AS "offerId", m.request_id AS "requestId", m.request_reference AS "requestReference", m.score, m.reasons, m.note, m.created_at AS "createdAt"`;

export interface SupportOfferRow {
  provider_kind: string;
  provider_name: string;
  section_id: string | null;
  support_type: string;
  title: string;
  description: string | null;
  area_id: string;
  topic_ids: string[];
  languages: string[];
  available_from: string;
  available_to: string;
}

/** Offers of support and linked matches (support_offer, support_match): plain SQL through `Sql`. */
@Injectable()
export class SupportOfferRepository {
  constructor(private readonly sql: Sql) {}

  /** Offers by status, soonest available first; a board of tens to hundreds (stops at 100, the query cost counts on it). */
  list(ctx: RequestContext, status: SupportOfferStatus | null): Promise<SupportOffer[]> {
    return this.sql.rows<SupportOffer>(
      ctx,
      `SELECT ${OFFER} FROM support_offer o WHERE (:status::text IS NULL OR o.status = :status) ORDER BY o.available_from, o.id LIMIT 100`,
      { status },
    );
  }

  /** Open offers still available on or after today (the candidates for a request). */
  open(ctx: RequestContext): Promise<SupportOffer[]> {
    return this.sql.rows<SupportOffer>(ctx, `SELECT ${OFFER} FROM support_offer o WHERE o.status = 'OPEN' AND o.available_to >= CURRENT_DATE ORDER BY o.available_from, o.id LIMIT 500`);
  }

  async byId(ctx: RequestContext, id: string): Promise<SupportOffer | undefined> {
    return (await this.byIds(ctx, [id]))[0];
  }

  byIds(ctx: RequestContext, ids: readonly string[]): Promise<SupportOffer[]> {
    return this.sql.rows<SupportOffer>(ctx, `SELECT ${OFFER} FROM support_offer o WHERE o.id = ANY(:ids::uuid[])`, { ids: [...ids] });
  }

  async insert(ctx: RequestContext, createdBy: string, row: SupportOfferRow): Promise<SupportOffer> {
    return (await this.sql.one<SupportOffer>(
      ctx,
      `INSERT INTO support_offer AS o (provider_kind, provider_name, section_id, support_type, title, description, area_id, topic_ids, languages, available_from, available_to, created_by)
       VALUES (:provider_kind, :provider_name, :section_id, :support_type, :title, :description, :area_id, :topic_ids::uuid[], :languages::text[], :available_from, :available_to, :createdBy)
       RETURNING ${OFFER}`,
      { ...row, createdBy },
    ))!;
  }

  setStatus(ctx: RequestContext, id: string, status: SupportOfferStatus): Promise<SupportOffer | undefined> {
    return this.sql.one<SupportOffer>(ctx, `UPDATE support_offer AS o SET status = :status, version = o.version + 1, updated_at = now() WHERE o.id = :id RETURNING ${OFFER}`, { id, status });
  }

  /** Null when the pair is already linked. */
  linkMatch(ctx: RequestContext, m: { offerId: string; requestId: string; reference: string; score: number; reasons: string[]; note: string | null; linkedBy: string }): Promise<SupportMatch | undefined> {
    return this.sql.one<SupportMatch>(
      ctx,
      `INSERT INTO support_match AS m (offer_id, request_id, request_reference, score, reasons, note, linked_by)
       VALUES (:offerId, :requestId, :reference, :score, :reasons::text[], :note, :linkedBy)
       ON CONFLICT (offer_id, request_id) DO NOTHING
       RETURNING ${MATCH}`,
      m,
    );
  }

  matchesByRequestIds(ctx: RequestContext, ids: readonly string[]): Promise<SupportMatch[]> {
    return this.sql.rows<SupportMatch>(ctx, `SELECT ${MATCH} FROM support_match m WHERE m.request_id = ANY(:ids::uuid[]) ORDER BY m.created_at`, { ids: [...ids] });
  }

  matchesByOfferIds(ctx: RequestContext, ids: readonly string[]): Promise<SupportMatch[]> {
    return this.sql.rows<SupportMatch>(ctx, `SELECT ${MATCH} FROM support_match m WHERE m.offer_id = ANY(:ids::uuid[]) ORDER BY m.created_at`, { ids: [...ids] });
  }
}

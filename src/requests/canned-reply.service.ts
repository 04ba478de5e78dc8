import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service.js';
import { Permission } from '../common/auth/permission.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { SectionService } from '../organisation/section.service.js';
import type { CannedReply, CannedReplyInput, ManagedCannedReply } from './canned-reply.js';
import { CannedReplyRepository, type CannedReplyRow } from './canned-reply.repository.js';

/**
 * Canned replies (issue #18): the picker's texts for a request, and their management. Section staff manage their
 * sections' replies; administrators manage every reply, those of every section included. Each change is audited.
 */
@Injectable()
export class CannedReplyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly replies: CannedReplyRepository,
    private readonly sections: SectionService,
    private readonly audit: AuditService,
  ) {}

  /** The picker's replies for a request routed to the section (its own, then every section's), in the content language. */
  forSection(ctx: RequestContext, sectionId: string | null): Promise<CannedReply[]> {
    return this.replies.forSection(ctx, sectionId);
  }

  /** What the management screen lists: every reply for administrators; every section's and their sections' for staff. */
  async list(ctx: RequestContext): Promise<ManagedCannedReply[]> {
    const rows = await this.replies.list(ctx, isAdministrator(ctx) ? null : (ctx.actor?.sectionIds ?? []));
    return rows.map((r) => toManaged(ctx, r));
  }

  save(ctx: RequestContext, input: CannedReplyInput): Promise<ManagedCannedReply> {
    const texts = {
      title_en: required(input.titleEn, 'titleEn', 'Give the title in English.'),
      title_fr: required(input.titleFr, 'titleFr', 'Give the title in French.'),
      body_en: required(input.bodyEn, 'bodyEn', 'Write the text in English.'),
      body_fr: required(input.bodyFr, 'bodyFr', 'Write the text in French.'),
    };
    return this.uow.run(ctx, async (tx) => {
      let row: CannedReplyRow;
      if (input.id) {
        const existing = await this.replies.lock(tx, input.id);
        if (!existing || !visible(tx, existing)) throw DomainError.notFound('Canned reply');
        this.assertMayEdit(tx, existing.section_id);
        row = await this.replies.update(tx, existing.id, input.position ?? null, texts);
        await this.audit.record(tx, 'cannedReply.update', { type: 'CannedReply', id: row.id }, { sectionId: row.section_id, titleEn: row.title_en });
      } else {
        const sectionId = await this.sectionOf(tx, input.sectionCode ?? null);
        this.assertMayEdit(tx, sectionId);
        row = await this.replies.insert(tx, sectionId, input.position ?? null, texts);
        await this.audit.record(tx, 'cannedReply.create', { type: 'CannedReply', id: row.id }, { sectionId, titleEn: row.title_en });
      }
      return toManaged(tx, row);
    });
  }

  delete(ctx: RequestContext, id: string): Promise<boolean> {
    if (!isUUID(id)) throw DomainError.notFound('Canned reply');
    return this.uow.run(ctx, async (tx) => {
      const existing = await this.replies.lock(tx, id);
      if (!existing || !visible(tx, existing)) throw DomainError.notFound('Canned reply');
      this.assertMayEdit(tx, existing.section_id);
      await this.replies.delete(tx, id);
      await this.audit.record(tx, 'cannedReply.delete', { type: 'CannedReply', id }, { sectionId: existing.section_id, titleEn: existing.title_en });
      return true;
    });
  }

  private async sectionOf(tx: RequestContext, code: string | null): Promise<string | null> {
    if (!code) return null;
    const section = await this.sections.byCode(tx, code);
    if (!section) throw DomainError.badInput(`sectionCode ${JSON.stringify(code)} is not a section; see sections for the codes.`, 'sectionCode');
    return section.id;
  }

  private assertMayEdit(tx: RequestContext, sectionId: string | null): void {
    if (mayEdit(tx, sectionId)) return;
    throw DomainError.forbidden(
      sectionId === null
        ? "Replies for every section are the administrators' to change: choose one of your sections (sectionCode) for a reply of your own."
        : "You may change only your own sections' replies; ask that section's staff or an administrator.",
    );
  }
}

function isAdministrator(ctx: RequestContext): boolean {
  return ctx.actor?.kind === 'user' && ctx.can(Permission.ManageReferenceData);
}

/** Staff change their sections' replies; administrators every reply. */
function mayEdit(ctx: RequestContext, sectionId: string | null): boolean {
  if (ctx.actor?.kind !== 'user') return false;
  if (isAdministrator(ctx)) return true;
  return sectionId !== null && ctx.can(Permission.TriageRequests) && ctx.actor.sectionIds.includes(sectionId);
}

/** What the caller's list holds: the same rule as list() (others' section replies are out of reach: NOT_FOUND). */
function visible(ctx: RequestContext, row: CannedReplyRow): boolean {
  return isAdministrator(ctx) || row.section_id === null || (ctx.actor?.sectionIds ?? []).includes(row.section_id);
}

function required(value: string, field: string, message: string): string {
  const text = value.trim();
  if (!text) throw DomainError.badInput(`${field}: ${message}`, field);
  return text;
}

function toManaged(ctx: RequestContext, r: CannedReplyRow): ManagedCannedReply {
  return { id: r.id, sectionId: r.section_id, position: r.position, titleEn: r.title_en, titleFr: r.title_fr, bodyEn: r.body_en, bodyFr: r.body_fr, canEdit: mayEdit(ctx, r.section_id) };
}

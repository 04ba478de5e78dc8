import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { PartnershipFrameworkInput } from './dto/framework.input.js';
import type { PartnerInput } from './dto/partner.input.js';
import type { SectionInput } from './dto/section.input.js';
import { Partner } from './partner.entity.js';
import type { PartnershipFramework } from './partnership-framework.entity.js';
import { PartnerRepository } from './partner.repository.js';
import { PartnerService } from './partner.service.js';
import { Section } from './section.entity.js';
import { SectionRepository } from './section.repository.js';

/** Administrators' writes to partners and the section tree: each one unit of work, keyed by code. */
@Injectable()
export class OrganisationAdminService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly partners: PartnerRepository,
    private readonly partnerService: PartnerService,
    private readonly sections: SectionRepository,
    private readonly audit: AuditService,
  ) {}

  upsertPartner(ctx: RequestContext, input: PartnerInput): Promise<Partner> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const frameworks = await this.partnerService.frameworksByCodes(tx, input.frameworkCodes, 'input.frameworkCodes', 'input');
      await this.partnerService.assertProgrammeFlags(tx, input.programmeFlags, 'input.programmeFlags', 'input');
      const before = await this.partners.byCode(tx, input.code);
      const row = await this.partners.upsert(tx, {
        code: input.code,
        kind: input.kind,
        nameEn: input.nameEn,
        nameFr: input.nameFr,
        programmeFlags: [...new Set(input.programmeFlags)],
        suspended: input.suspended,
      });
      await this.partners.replaceFrameworks(tx, row.id, frameworks.map((f) => f.id));
      await this.audit.record(tx, row.created ? 'partner.create' : 'partner.update', { type: 'Partner', id: row.id }, {
        code: input.code,
        suspended: input.suspended,
        // Flags decide eligibility at once (ELIGIBLE_SQL): the trail shows what changed.
        programmeFlags: { from: before?.programmeFlags ?? [], to: [...new Set(input.programmeFlags)] },
      });
      return (await this.partners.byId(tx, row.id))!;
    });
  }

  upsertFramework(ctx: RequestContext, input: PartnershipFrameworkInput): Promise<PartnershipFramework> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const row = await this.partners.upsertFramework(tx, input);
      await this.audit.record(tx, row.created ? 'framework.create' : 'framework.update', { type: 'PartnershipFramework', id: row.id }, { code: input.code, nameEn: input.nameEn, nameFr: input.nameFr });
      return (await this.partners.frameworksByCodes(tx, [input.code]))[0]!;
    });
  }

  upsertSection(ctx: RequestContext, input: SectionInput): Promise<Section> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const parentId = input.parentCode ? await this.parentId(tx, input.parentCode, input.code) : null;
      const row = await this.sections.upsert(tx, {
        code: input.code,
        nameEn: input.nameEn,
        nameFr: input.nameFr,
        kind: input.kind,
        parentId,
        mailbox: input.mailbox,
        timeZone: input.timeZone,
        acknowledgeTargetDays: input.acknowledgeTargetDays,
        decideTargetDays: input.decideTargetDays,
      });
      await this.audit.record(tx, row.created ? 'section.create' : 'section.update', { type: 'Section', id: row.id }, { code: input.code, parentCode: input.parentCode ?? null });
      return (await this.sections.byIds(tx, [row.id]))[0]!;
    });
  }

  /** The parent must exist and must not be the section itself or one of its descendants (no cycles). */
  private async parentId(tx: RequestContext, parentCode: string, code: string): Promise<string> {
    const { parentId, cycle } = await this.sections.placement(tx, parentCode, code);
    if (!parentId) throw DomainError.badInput(`Unknown section code in input.parentCode: ${parentCode}`, 'input');
    if (cycle) throw DomainError.badInput(`input.parentCode ${parentCode} is ${code} itself or one of its descendants; a section cannot be its own ancestor.`, 'input');
    return parentId;
  }
}

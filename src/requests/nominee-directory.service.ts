import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import type { DeleteNomineeInput, Nominee, NomineeConnection, NomineeInput, UpdateNomineeInput } from './dto/nominee.types.js';
import { nomineeReaderPartnerIds, nomineeWriterPartnerId } from './nominee-access.js';
import { ClearanceLevel } from './nominee-check.js';
import { NomineeRepository, type NomineeRow } from './nominee.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A partner's directory of nominees: CRUD by its liaison officers, reads audited like participants. */
@Injectable()
export class NomineeDirectoryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: NomineeRepository,
    private readonly audit: AuditService,
    private readonly organisation: OrganisationLoaders,
  ) {}

  /** The caller's readable partners, narrowed to one partner code when given. */
  async readablePartnerIds(ctx: RequestContext, partnerCode: string | null | undefined): Promise<string[]> {
    const ids = nomineeReaderPartnerIds(ctx);
    if (!partnerCode) return [...ids];
    const partners = await this.organisation.partnerById(ctx).loadMany([...ids]);
    return ids.filter((_, i) => {
      const p = partners[i];
      return p && !(p instanceof Error) && p.code === partnerCode;
    });
  }

  async list(ctx: RequestContext, args: { partnerCode?: string | null; search?: string | null; first?: number | null; after?: string | null }): Promise<NomineeConnection> {
    const limit = pageSize(args.first);
    const search = args.search?.trim().toLowerCase() || null;
    const after = args.after ? decodeCursor(args.after, 'nominee', 2, 'after', (v) => typeof v[0] === 'string' && UUID.test(String(v[1]))) : null;
    const partnerIds = await this.readablePartnerIds(ctx, args.partnerCode);
    const [rows, totalCount] = await Promise.all([
      this.repo.page(ctx, partnerIds, search, after ? { name: String(after[0]), id: String(after[1]) } : null, limit + 1),
      this.repo.count(ctx, partnerIds, search),
    ]);
    const connection = toConnection(rows, limit, args.after, (n) => encodeCursor('nominee', [n.name.toLowerCase(), n.id]));
    await Promise.all(connection.edges.map((e) => this.audit.recordRead(ctx, 'nominee.read', { type: 'Nominee', id: e.node.id })));
    return { ...connection, totalCount };
  }

  create(ctx: RequestContext, input: NomineeInput): Promise<Nominee> {
    const partnerId = nomineeWriterPartnerId(ctx);
    const row = this.row(input);
    return this.uow.run(ctx, async (tx) => {
      const nominee = await this.repo.insert(tx, partnerId, row);
      await this.audit.record(tx, 'nominee.create', { type: 'Nominee', id: nominee.id }, { partnerId });
      return nominee;
    });
  }

  update(ctx: RequestContext, input: UpdateNomineeInput): Promise<Nominee> {
    const partnerId = nomineeWriterPartnerId(ctx);
    const row = this.row(input);
    return this.uow.run(ctx, async (tx) => {
      const nominee = await this.repo.update(tx, partnerId, input.id, input.expectedVersion, row);
      if (!nominee) {
        const version = await this.repo.version(tx, partnerId, input.id);
        if (version === undefined) throw DomainError.notFound('Nominee');
        throw DomainError.conflict(`This nominee was changed elsewhere (now version ${version}). Reload it and apply your change again.`, { currentVersion: version });
      }
      await this.audit.record(tx, 'nominee.update', { type: 'Nominee', id: nominee.id }, { partnerId, version: nominee.version });
      return nominee;
    });
  }

  /** Removes an entry; requests it was nominated on keep their copy of the person. */
  remove(ctx: RequestContext, input: DeleteNomineeInput): Promise<boolean> {
    const partnerId = nomineeWriterPartnerId(ctx);
    const { id } = input;
    return this.uow.run(ctx, async (tx) => {
      if (!(await this.repo.remove(tx, partnerId, id, input.expectedVersion))) {
        const version = await this.repo.version(tx, partnerId, id);
        if (version === undefined) throw DomainError.notFound('Nominee');
        throw DomainError.conflict(`This nominee was changed elsewhere (now version ${version}). Reload it and check before removing it.`, { currentVersion: version });
      }
      await this.audit.record(tx, 'nominee.delete', { type: 'Nominee', id }, { partnerId });
      return true;
    });
  }

  private row(input: NomineeInput): NomineeRow {
    if (input.name.trim() === '') throw DomainError.badInput('input.name must not be blank: give the nominee\'s full name.', 'input');
    const profiles = input.languageProfiles ?? [];
    const languages = profiles.map((p) => p.language);
    const repeated = languages.find((l, i) => languages.indexOf(l) !== i);
    if (repeated) throw DomainError.badInput(`input.languageProfiles lists ${repeated} twice: keep one profile per language (the latest validated one).`, 'input');
    return {
      name: input.name.trim(),
      rank_or_title: input.rankOrTitle ?? null,
      email: input.email ?? null,
      clearance_level: input.clearanceLevel ?? ClearanceLevel.NONE,
      language_profiles: profiles.map((p) => ({ language: p.language, slp: p.slp, validated: p.validated })),
    };
  }
}

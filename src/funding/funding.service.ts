import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { AuditService } from '../audit/audit.service.js';
import { csvCell } from '../audit/audit-trail.service.js';
import { CatalogueLoaders } from '../catalogue/catalogue-loaders.js';
import { Permission } from '../common/auth/permission.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { DomainError } from '../common/errors/domain-error.js';
import { requestScope } from '../requests/request-access.js';
import { RequestQueryService } from '../requests/request-query.service.js';
import type { AddFundingLineInput, FundingFieldsInput, FundingLine, FundingSource, FundingTotal, FundingTotalsExport, FundingTotalsFilter, UpdateFundingLineInput } from './dto/funding.types.js';
import { FundingRepository, type FundingLineRow } from './funding.repository.js';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
/** Rows of the totals in a response (the query cost counts on it: Query.fundingTotals) and in an export. */
const TOTALS_SHOWN = 2000;
const TOTALS_EXPORTED = 50_000;

/** An amount's cents, exactly (the inputs are validated decimal text with at most two decimals). */
function cents(amount: string): bigint {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/**
 * Funding (issue #17 item 2): lines on requests and offerings, from sources kept as data, in ISO 4217 currencies,
 * committed and spent, and their totals per partner, programme and year.
 *
 * Who: a request's lines are read by whoever reaches the request and written by the staff who handle it (the routed
 * section's staff, the covering coordinators: TriageRequests on a request in reach); an offering's lines are NATO's
 * internal planning, read by NATO staff and written by catalogue administrators. Spent may exceed committed only with
 * a reason (an overspend happens — a course runs over — but it must be explained); every change is audited.
 */
@Injectable()
export class FundingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lines: FundingRepository,
    private readonly requests: RequestQueryService,
    private readonly catalogue: CatalogueLoaders,
    private readonly audit: AuditService,
  ) {}

  sources(ctx: RequestContext): Promise<FundingSource[]> {
    return this.lines.sources(ctx);
  }

  /** NATO staff see offerings' funding; partners and keys do not. */
  seesOfferingFunding(ctx: RequestContext): boolean {
    return ctx.actor?.kind === 'user' && (ctx.can(Permission.TriageRequests) || ctx.can(Permission.ManageCatalogue));
  }

  /** A request's lines; the caller has the request in reach already (it was resolved through the requests context). */
  linesByRequestId(ctx: RequestContext): DataLoader<string, FundingLine[]> {
    return ctx.loaders.get('funding.byRequestId', async (ids: readonly string[]) => groupByKeys(ids, await this.lines.linesByRequestIds(ctx, ids), (l) => l.requestId!));
  }

  linesByOfferingId(ctx: RequestContext): DataLoader<string, FundingLine[]> {
    return ctx.loaders.get('funding.byOfferingId', async (ids: readonly string[]) => groupByKeys(ids, await this.lines.linesByOfferingIds(ctx, ids), (l) => l.offeringId!));
  }

  add(ctx: RequestContext, input: AddFundingLineInput): Promise<FundingLine> {
    if (!input.requestId === !input.offeringId) throw DomainError.badInput('Give exactly one of requestId or offeringId: a funding line belongs to one request or one offering.', 'input');
    return this.uow.run(ctx, async (tx) => {
      const owner = { requestId: input.requestId ?? null, offeringId: input.offeringId ?? null };
      await this.assertWrites(tx, owner);
      const row = await this.row(tx, input);
      const line = await this.lines.insert(tx, owner, tx.actor?.kind === 'user' ? tx.actor.id : null, row);
      await this.audit.record(tx, 'funding.create', { type: 'funding_line', id: line.id }, { ...owner, ...this.auditable(line) });
      return line;
    });
  }

  update(ctx: RequestContext, input: UpdateFundingLineInput): Promise<FundingLine> {
    return this.uow.run(ctx, async (tx) => {
      const current = await this.writable(tx, input.id);
      const updated = await this.lines.update(tx, input.id, input.expectedVersion, await this.row(tx, input));
      if (!updated) throw DomainError.conflict(`This funding line was changed elsewhere (now version ${current.version}). Reload it and apply your change again.`, { currentVersion: current.version });
      await this.audit.record(tx, 'funding.update', { type: 'funding_line', id: updated.id }, { before: this.auditable(current), after: this.auditable(updated) });
      return updated;
    });
  }

  remove(ctx: RequestContext, id: string): Promise<boolean> {
    if (!isUUID(id)) throw DomainError.badInput(`id must be a funding line id (a UUID); got ${JSON.stringify(id.slice(0, 60))}.`, 'id');
    return this.uow.run(ctx, async (tx) => {
      const current = await this.writable(tx, id);
      await this.lines.delete(tx, id);
      await this.audit.record(tx, 'funding.delete', { type: 'funding_line', id }, { requestId: current.requestId, offeringId: current.offeringId, ...this.auditable(current) });
      return true;
    });
  }

  /** Totals over the requests the caller reaches (and, for NATO staff, the offerings' own lines). */
  totals(ctx: RequestContext, filter: FundingTotalsFilter | null | undefined, limit = TOTALS_SHOWN): Promise<FundingTotal[]> {
    return this.lines.totals(ctx, requestScope(ctx, 'r'), this.seesOfferingFunding(ctx), filter ?? {}, ctx.language, limit);
  }

  async totalsCsv(ctx: RequestContext, filter: FundingTotalsFilter | null | undefined): Promise<FundingTotalsExport> {
    const rows = await this.totals(ctx, filter, TOTALS_EXPORTED);
    const lines = ['partner_code,partner_name,programme,fiscal_year,source,currency,committed,spent,lines'];
    for (const t of rows) {
      lines.push([t.partnerCode, t.partnerName, t.programme, String(t.fiscalYear), t.sourceCode, t.currency, t.committed, t.spent, String(t.lines)].map(csvCell).join(','));
    }
    return { csv: `${lines.join('\r\n')}\r\n` };
  }

  private async writable(tx: RequestContext, id: string): Promise<FundingLine> {
    const current = await this.lines.lock(tx, id);
    if (!current) throw DomainError.notFound('Funding line');
    await this.assertWrites(tx, current);
    return current;
  }

  private async assertWrites(tx: RequestContext, owner: { requestId: string | null; offeringId: string | null }): Promise<void> {
    if (owner.requestId) {
      const request = await this.requests.find(tx, owner.requestId);
      if (!request) throw DomainError.notFound('Request');
      if (!tx.can(Permission.TriageRequests)) throw DomainError.forbidden("Only the staff handling the request (its section, the partner's coordinators) record its funding.");
      return;
    }
    if (!tx.can(Permission.ManageCatalogue)) {
      if (!this.seesOfferingFunding(tx)) throw DomainError.notFound('Offering');
      throw DomainError.forbidden("Only catalogue administrators record an offering's funding.");
    }
    const offering = await this.catalogue.offeringById(tx).load(owner.offeringId!);
    if (!offering) throw DomainError.notFound('Offering');
  }

  private async row(tx: RequestContext, input: FundingFieldsInput): Promise<FundingLineRow> {
    const source = (await this.lines.sources(tx)).find((s) => s.code === input.sourceCode);
    if (!source) throw DomainError.badInput(`sourceCode "${input.sourceCode}" is not a funding source. Pick one of fundingSources.`, 'sourceCode');
    const sourceName = input.sourceName?.trim() || null;
    if (source.requiresName && !sourceName) throw DomainError.badInput(`A ${source.nameEn.toLowerCase()} line must name it: fill in sourceName (e.g. the trust fund and its lead nations).`, 'sourceName');
    if (!CURRENCIES.has(input.currency)) throw DomainError.badInput(`currency "${input.currency}" is not an ISO 4217 currency code (e.g. EUR, USD).`, 'currency');
    const spent = input.spent ?? '0';
    const overspendReason = input.overspendReason?.trim() || null;
    if (cents(spent) > cents(input.committed) && !overspendReason) {
      throw DomainError.badInput(`spent (${spent}) is more than committed (${input.committed}): raise the commitment, or give overspendReason.`, 'spent');
    }
    return {
      source_code: source.code,
      source_name: sourceName,
      fiscal_year: input.fiscalYear,
      currency: input.currency,
      committed: input.committed,
      spent,
      overspend_reason: overspendReason,
      note: input.note ?? null,
    };
  }

  private auditable(l: FundingLine): Record<string, unknown> {
    return { sourceCode: l.sourceCode, sourceName: l.sourceName, fiscalYear: l.fiscalYear, currency: l.currency, committed: l.committed, spent: l.spent, overspendReason: l.overspendReason };
  }
}

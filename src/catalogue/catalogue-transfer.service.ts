import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service.js';
import { Role } from '../common/auth/role.js';
import { permissionsOfRole } from '../common/auth/role-permissions.js';
import { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { mapError } from '../common/errors/error-mapping.js';
import type { Upload } from '../common/http/multipart-upload.js';
import { detectTableFormat, readTables, type Cell, type TableFormat, type TableOut } from '../common/http/tabular.js';
import { JobQueue } from '../notifications/job-queue.service.js';
import { CATALOGUE_IMPORT_QUEUE } from '../notifications/queues.js';
import type { CatalogueImport, ImportRowError } from './catalogue-import.entity.js';
import {
  CSV_COLUMNS, ITERATION_COLUMNS, iterationCells, iterationMatches, OFFERING_COLUMNS, offeringCells, offeringChanges, parseCatalogueFile,
  type DesiredIteration, type DesiredOffering, type ParsedFile,
} from './catalogue-layout.js';
import { untranslatedRows } from './catalogue-import-bilingual.js';
import { CatalogueTransferRepository, type FlatIterationRow, type FlatOfferingRow } from './catalogue-transfer.repository.js';
import { OfferingStatus } from './catalogue.enums.js';
import type { UpdateOfferingInput } from './dto/offering.input.js';
import { OfferingAdminService } from './offering-admin.service.js';
import { OfferingIterationAdminService } from './offering-iteration-admin.service.js';

const PAGE = 200;

/** Map.groupBy, which Node 20 does not have. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
}

/** What a dry run found: what the import would do, and every problem by row and column. */
export interface ImportReport {
  fileName: string;
  format: 'CSV' | 'XLSX';
  rows: number;
  offerings: ImportCounts;
  iterations: ImportCounts;
  errors: ImportRowError[];
}

export interface CatalogueImportJob {
  importId: string;
  requestId?: string;
}

type Outcome = 'create' | 'update' | 'unchanged';

/**
 * Catalogue import and export (issue #16 item 3). The export streams the whole catalogue, drafts and archived
 * offerings included (administrators only). An import is checked first (the dry run: nothing is written), then
 * applied by a pg-boss job, row by row, through the catalogue's own admin services (each change its unit of work
 * and its audit event, by the administrator who started it), matching offerings by code and iterations by their
 * offering's code and start date, and writing only what differs: the same file imported twice changes nothing.
 */
@Injectable()
export class CatalogueTransferService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly transfer: CatalogueTransferRepository,
    private readonly offerings: OfferingAdminService,
    private readonly iterations: OfferingIterationAdminService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  // --- Export ---

  async exportTables(ctx: RequestContext, format: TableFormat): Promise<TableOut[]> {
    await this.audit.record(ctx, 'catalogue.export', null, { format });
    const transfer = this.transfer;
    async function* pages(): AsyncGenerator<{ offerings: FlatOfferingRow[]; iterations: FlatIterationRow[] }> {
      let after: string | null = null;
      for (;;) {
        const offerings = await transfer.offeringPage(ctx, after, PAGE);
        if (offerings.length === 0) return;
        yield { offerings, iterations: await transfer.iterationsOf(ctx, offerings.map((o) => o.id)) };
        if (offerings.length < PAGE) return;
        after = offerings[offerings.length - 1]!.code;
      }
    }
    if (format === 'csv') {
      const blankOffering = OFFERING_COLUMNS.slice(1).map(() => null);
      async function* rows(): AsyncGenerator<Cell[]> {
        for await (const page of pages()) {
          const byOffering = groupBy(page.iterations, (i) => i.offering_id);
          for (const o of page.offerings) {
            yield ['OFFERING', ...offeringCells(o), ...ITERATION_COLUMNS.slice(1).map(() => null)];
            for (const i of byOffering.get(o.id) ?? []) yield ['ITERATION', i.code, ...blankOffering, ...iterationCells(i).slice(1)];
          }
        }
      }
      return [{ name: 'Catalogue', columns: CSV_COLUMNS, rows: rows() }];
    }
    async function* offeringRows(): AsyncGenerator<Cell[]> {
      for await (const page of pages()) for (const o of page.offerings) yield offeringCells(o);
    }
    async function* iterationRows(): AsyncGenerator<Cell[]> {
      for await (const page of pages()) for (const i of page.iterations) yield iterationCells(i);
    }
    return [
      { name: 'Offerings', columns: OFFERING_COLUMNS, rows: offeringRows() },
      { name: 'Iterations', columns: ITERATION_COLUMNS, rows: iterationRows() },
    ];
  }

  // --- Import ---

  /** The dry run: reads and checks the whole file against the catalogue; writes nothing. */
  async check(ctx: RequestContext, upload: Upload): Promise<ImportReport> {
    const { report } = await this.plan(ctx, upload);
    return report;
  }

  /**
   * Checks the file again (the catalogue may have changed since the dry run) and, when it has no errors, queues
   * the import: its row, its file and its job commit together. With errors nothing is queued: BAD_USER_INPUT
   * carrying the report.
   */
  async start(ctx: RequestContext, upload: Upload): Promise<CatalogueImport> {
    const { report } = await this.plan(ctx, upload);
    if (report.errors.length > 0) {
      throw new DomainError(
        ErrorCode.BAD_USER_INPUT,
        `The file has ${report.errors.length} problem(s); nothing was imported. Run the dry run (dryRun=true), fix the rows it lists, and send the file again.`,
        { report },
      );
    }
    return this.uow.run(ctx, async (tx) => {
      const created = await this.transfer.insertImport(
        tx,
        { file_name: upload.fileName || 'catalogue', format: report.format, rows_total: report.rows, created_by: tx.actor?.kind === 'user' ? tx.actor.id : null },
        upload.bytes,
      );
      await this.jobs.sendAt(tx, CATALOGUE_IMPORT_QUEUE, { importId: created.id, requestId: tx.requestId } satisfies CatalogueImportJob, new Date());
      await this.audit.record(tx, 'catalogue.import.start', { type: 'CatalogueImport', id: created.id }, { fileName: created.fileName, format: report.format, rows: report.rows, offerings: report.offerings, iterations: report.iterations });
      return created;
    });
  }

  find(ctx: RequestContext, id: string): Promise<CatalogueImport | undefined> {
    if (!isUUID(id)) throw DomainError.badInput(`id must be an import id (a UUID); got ${JSON.stringify(id.slice(0, 60))}.`, 'id');
    return this.transfer.findImport(ctx, id);
  }

  recent(ctx: RequestContext, first: number | null | undefined): Promise<CatalogueImport[]> {
    return this.transfer.recentImports(ctx, Math.min(Math.max(first ?? 10, 1), 50));
  }

  /**
   * The job: applies the rows in file order (offerings, then iterations), recording progress after each. A row the
   * catalogue refuses (someone changed it meanwhile) is an error of that row; the others go on. A second delivery
   * of the job finds the import already claimed and does nothing.
   */
  async run(importId: string, requestId?: string): Promise<void> {
    const system = RequestContext.system(new Set(), requestId);
    const claimed = await this.transfer.claimImport(system, importId);
    if (!claimed) return;
    const ctx = this.actingAs(claimed.created_by, requestId);
    const counts = { created_count: 0, updated_count: 0, unchanged_count: 0 };
    const errors: ImportRowError[] = [];
    let done = 0;
    try {
      const parsed = parseCatalogueFile(await readTables(claimed.content, claimed.format === 'XLSX' ? 'xlsx' : 'csv'));
      errors.push(...parsed.errors);
      const tally = (outcome: Outcome) => {
        if (outcome === 'create') counts.created_count++;
        else if (outcome === 'update') counts.updated_count++;
        else counts.unchanged_count++;
      };
      const step = async (at: { row: number; sheet: string | null }, work: () => Promise<Outcome>) => {
        try {
          tally(await work());
        } catch (error) {
          errors.push({ ...at, column: null, message: mapError(error).message });
        }
        done++;
        await this.transfer.progress(system, importId, { rows_done: done + parsed.errors.length, ...counts, errors });
      };
      const publications: Array<{ at: { row: number; sheet: string | null }; id: string }> = [];
      for (const desired of parsed.offerings) await step(desired.at, () => this.applyOffering(ctx, desired, publications));
      for (const desired of parsed.iterations) await step(desired.at, () => this.applyIteration(ctx, desired));
      // Publishing comes last, once the file's iterations are written: it needs every iteration's location in both
      // languages, and the file may be what brings them (the dry run checks the same order, untranslatedRows).
      for (const publication of publications) {
        try {
          await this.offerings.publish(ctx, publication.id);
        } catch (error) {
          errors.push({ ...publication.at, column: 'status', message: mapError(error).message });
        }
      }
      await this.transfer.progress(system, importId, { rows_done: parsed.rows, ...counts, errors });
      await this.transfer.finishImport(system, importId, 'DONE');
      await this.audit.record(ctx, 'catalogue.import.finish', { type: 'CatalogueImport', id: importId }, { created: counts.created_count, updated: counts.updated_count, unchanged: counts.unchanged_count, errors: errors.length });
    } catch (error) {
      errors.push({ row: 0, sheet: null, column: null, message: `The import stopped: ${mapError(error).message}` });
      await this.transfer.progress(system, importId, { rows_done: done, ...counts, errors });
      await this.transfer.finishImport(system, importId, 'FAILED');
      throw error;
    }
  }

  /** The administrator who started the import, so each change's audit event names them. */
  private actingAs(userId: string | null, requestId?: string): RequestContext {
    const ctx = RequestContext.system(permissionsOfRole(Role.ADMIN), requestId);
    if (userId) ctx.actor = { kind: 'user', id: userId, role: Role.ADMIN, permissions: permissionsOfRole(Role.ADMIN), sectionIds: [], coveredPartnerIds: [] };
    return ctx;
  }

  /** Creates or updates the offering and archives it; a publication is left in `publications` for the end of the job. */
  private async applyOffering(ctx: RequestContext, desired: DesiredOffering, publications: Array<{ at: DesiredOffering['at']; id: string }>): Promise<Outcome> {
    const [current] = await this.transfer.offeringsByCode(ctx, [desired.code]);
    let outcome: Outcome = 'unchanged';
    let id = current?.id;
    let status = current?.status as OfferingStatus | undefined;
    if (!current) {
      const created = await this.offerings.create(ctx, { code: desired.code, ...desired.fields });
      id = created.id;
      status = OfferingStatus.DRAFT;
      outcome = 'create';
    } else {
      const changes = offeringChanges(current, desired);
      if (Object.keys(changes).length > 0) {
        await this.offerings.update(ctx, { id: current.id, version: current.version, ...changes } as UpdateOfferingInput);
        outcome = 'update';
      }
    }
    if (status !== desired.status) {
      if (desired.status === OfferingStatus.PUBLISHED) publications.push({ at: desired.at, id: id! });
      else if (desired.status === OfferingStatus.ARCHIVED) await this.offerings.archive(ctx, id!);
      if (outcome === 'unchanged') outcome = 'update';
    }
    return outcome;
  }

  private async applyIteration(ctx: RequestContext, desired: DesiredIteration): Promise<Outcome> {
    const [offering] = await this.transfer.offeringsByCode(ctx, [desired.code]);
    if (!offering) throw DomainError.badInput(`No offering has code ${desired.code}.`, 'code');
    const current = (await this.transfer.iterationsOf(ctx, [offering.id])).find((i) => i.start_date === desired.startDate);
    if (current && iterationMatches(current, desired)) return 'unchanged';
    await this.iterations.upsert(ctx, {
      id: current?.id,
      offeringId: offering.id,
      startDate: desired.startDate,
      endDate: desired.endDate,
      location: desired.location,
      locationFr: desired.locationFr,
      capacity: desired.capacity,
      applicationDeadline: desired.applicationDeadline,
      partnerQuota: desired.partnerQuota,
      status: desired.status,
    });
    return current ? 'update' : 'create';
  }

  /** Parses the file and checks every row against the catalogue (codes that must exist, status moves, duplicates). */
  private async plan(ctx: RequestContext, upload: Upload): Promise<{ report: ImportReport; parsed: ParsedFile }> {
    const format = detectTableFormat(upload.bytes);
    const parsed = parseCatalogueFile(await readTables(upload.bytes, format));
    const errors = [...parsed.errors];
    const report: ImportReport = {
      fileName: upload.fileName,
      format: format === 'xlsx' ? 'XLSX' : 'CSV',
      rows: parsed.rows,
      offerings: { create: 0, update: 0, unchanged: 0 },
      iterations: { create: 0, update: 0, unchanged: 0 },
      errors,
    };

    const seen = new Map<string, number>();
    for (const o of parsed.offerings) {
      const first = seen.get(o.code);
      if (first !== undefined) errors.push({ ...o.at, column: 'code', message: `Offering ${o.code} is already on row ${first}; each offering once per file.` });
      else seen.set(o.code, o.at.row);
    }
    const references: Array<{ table: 'section' | 'cooperation_area' | 'topic' | 'partnership_framework' | 'partner' | 'programme_flag'; column: string; codes: (o: DesiredOffering) => string[] }> = [
      { table: 'section', column: 'owning_section', codes: (o) => [o.fields.owningSectionCode] },
      { table: 'section', column: 'provider', codes: (o) => (o.fields.providerSectionCode ? [o.fields.providerSectionCode] : []) },
      { table: 'cooperation_area', column: 'areas', codes: (o) => o.fields.areaCodes },
      { table: 'topic', column: 'topics', codes: (o) => o.fields.topicCodes },
      { table: 'partnership_framework', column: 'eligible_frameworks', codes: (o) => o.fields.eligibleFrameworkCodes },
      { table: 'partner', column: 'eligible_partners', codes: (o) => o.fields.eligiblePartnerCodes },
      { table: 'programme_flag', column: 'required_programme_flags', codes: (o) => o.fields.requiredProgrammeFlags },
      { table: 'partnership_framework', column: 'releasable_frameworks', codes: (o) => o.fields.releasableFrameworkCodes },
      { table: 'partner', column: 'releasable_partners', codes: (o) => o.fields.releasablePartnerCodes },
    ];
    for (const ref of references) {
      const known = await this.transfer.knownCodes(ctx, ref.table, [...new Set(parsed.offerings.flatMap(ref.codes))]);
      for (const o of parsed.offerings) {
        const unknown = ref.codes(o).filter((c) => !known.has(c));
        if (unknown.length) errors.push({ ...o.at, column: ref.column, message: `Unknown code(s) in ${ref.column}: ${unknown.join(', ')}.` });
      }
    }

    const codes = [...new Set([...parsed.offerings.map((o) => o.code), ...parsed.iterations.map((i) => i.code)])];
    const existing = new Map((await this.transfer.offeringsByCode(ctx, codes)).map((o) => [o.code, o]));
    for (const o of parsed.offerings) {
      const current = existing.get(o.code);
      if (current && current.status !== OfferingStatus.DRAFT && o.status === OfferingStatus.DRAFT) {
        errors.push({ ...o.at, column: 'status', message: `Offering ${o.code} is ${current.status}; it cannot return to DRAFT (use ARCHIVED to withdraw it).` });
        continue;
      }
      if (!current) report.offerings.create++;
      else if (Object.keys(offeringChanges(current, o)).length > 0 || current.status !== o.status) report.offerings.update++;
      else report.offerings.unchanged++;
    }

    const inFile = new Set(parsed.offerings.map((o) => o.code));
    const known: DesiredIteration[] = [];
    const currentIterations = groupBy(await this.transfer.iterationsOf(ctx, [...existing.values()].map((o) => o.id)), (i) => i.code);
    const seenIterations = new Map<string, number>();
    for (const i of parsed.iterations) {
      const key = `${i.code} ${i.startDate}`;
      const first = seenIterations.get(key);
      if (first !== undefined) {
        errors.push({ ...i.at, column: 'start_date', message: `Offering ${i.code} already has an iteration starting ${i.startDate} on row ${first}; iterations are matched by offering and start date.` });
        continue;
      }
      seenIterations.set(key, i.at.row);
      if (!existing.has(i.code) && !inFile.has(i.code)) {
        errors.push({ ...i.at, column: 'code', message: `No offering has code ${i.code}, in the catalogue or in this file.` });
        continue;
      }
      known.push(i);
      const current = (currentIterations.get(i.code) ?? []).find((c) => c.start_date === i.startDate);
      if (!current) report.iterations.create++;
      else if (iterationMatches(current, i)) report.iterations.unchanged++;
      else report.iterations.update++;
    }
    // A published offering keeps every text in both languages: rows that would break it, as the job would refuse them.
    const firstRows = parsed.offerings.filter((o) => seen.get(o.code) === o.at.row);
    errors.push(...untranslatedRows(firstRows, known, existing, currentIterations));
    errors.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row);
    return { report, parsed };
  }
}

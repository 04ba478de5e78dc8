import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { ImportRowError } from './catalogue-import.entity.js';
import { DeliveryMode, IterationStatus, OfferingKind, OfferingStatus } from './catalogue.enums.js';
import type { FlatIterationRow, FlatOfferingRow } from './catalogue-transfer.repository.js';
import { CreateOfferingInput } from './dto/offering.input.js';
import type { Cell, TableIn } from '../common/http/tabular.js';

/**
 * The catalogue's file layout (README, "Catalogue import and export"), shaped like an ETOC course listing: one row
 * per offering with codes for every reference (lists separated by ";"), and one row per iteration keyed by the
 * offering's code and its start date. XLSX: sheets "Offerings" and "Iterations". CSV: one table whose first column,
 * `record`, says OFFERING or ITERATION; an ITERATION row fills `code` and the iteration columns only.
 */
export const OFFERING_COLUMNS = [
  'code', 'etoc_code', 'eprime_ref', 'kind', 'subtype', 'title_en', 'title_fr', 'summary_en', 'summary_fr', 'description_en', 'description_fr',
  'areas', 'topics', 'owning_section', 'provider', 'delivery_mode', 'languages', 'eligible_frameworks', 'eligible_partners', 'lead_time_days',
  'releasability', 'status', 'prerequisites', 'cost_notes', 'prerequisites_fr', 'cost_notes_fr', 'required_programme_flags', 'releasable_frameworks',
  'releasable_partners',
] as const;
export const ITERATION_COLUMNS = ['code', 'start_date', 'end_date', 'location', 'capacity', 'application_deadline', 'partner_quota', 'iteration_status', 'location_fr'] as const;
export const CSV_COLUMNS = ['record', ...OFFERING_COLUMNS, ...ITERATION_COLUMNS.slice(1)] as const;

const LIST = ';';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function offeringCells(o: FlatOfferingRow): Cell[] {
  return [
    o.code, o.etoc_code, o.eprime_reference, o.kind, o.subtype, o.title_en, o.title_fr, o.summary_en, o.summary_fr, o.description_en, o.description_fr,
    o.areas.join(LIST), o.topics.join(LIST), o.owning_section, o.provider, o.delivery_mode, o.delivery_languages.join(LIST), o.eligible_frameworks.join(LIST),
    o.eligible_partners.join(LIST), o.lead_time_days, o.releasability, o.status, o.prerequisites, o.cost_notes, o.prerequisites_fr, o.cost_notes_fr,
    o.required_programme_flags.join(LIST), o.releasable_frameworks.join(LIST), o.releasable_partners.join(LIST),
  ];
}

export function iterationCells(i: FlatIterationRow): Cell[] {
  return [i.code, i.start_date, i.end_date, i.location, i.capacity, i.application_deadline, i.partner_quota, i.status, i.location_fr];
}

/** Where a row came from, for its errors. */
export interface RowRef {
  row: number;
  sheet: string | null;
}

/** An offering as a file row wants it. */
export interface DesiredOffering {
  at: RowRef;
  code: string;
  status: OfferingStatus;
  fields: {
    etocCode: string | null;
    eprimeReference: string | null;
    kind: OfferingKind;
    subtype: string | null;
    titleEn: string | null;
    titleFr: string | null;
    summaryEn: string | null;
    summaryFr: string | null;
    descriptionEn: string | null;
    descriptionFr: string | null;
    areaCodes: string[];
    topicCodes: string[];
    owningSectionCode: string;
    providerSectionCode: string | null;
    deliveryMode: DeliveryMode;
    deliveryLanguages: string[];
    eligibleFrameworkCodes: string[];
    eligiblePartnerCodes: string[];
    leadTimeDays: number;
    releasability: string;
    prerequisites: string | null;
    costNotes: string | null;
    prerequisitesFr: string | null;
    costNotesFr: string | null;
    requiredProgrammeFlags: string[];
    releasableFrameworkCodes: string[];
    releasablePartnerCodes: string[];
  };
}

export interface DesiredIteration {
  at: RowRef;
  code: string;
  startDate: string;
  endDate: string;
  location: string;
  locationFr: string | null;
  capacity: number | null;
  applicationDeadline: string | null;
  partnerQuota: number | null;
  status: IterationStatus;
}

export interface ParsedFile {
  offerings: DesiredOffering[];
  iterations: DesiredIteration[];
  errors: ImportRowError[];
  rows: number;
}

/** Input field → file column, to name the column of a validation error. */
const FIELD_COLUMN: Record<string, string> = {
  code: 'code', etocCode: 'etoc_code', eprimeReference: 'eprime_ref', kind: 'kind', subtype: 'subtype', titleEn: 'title_en', titleFr: 'title_fr',
  summaryEn: 'summary_en', summaryFr: 'summary_fr', descriptionEn: 'description_en', descriptionFr: 'description_fr', areaCodes: 'areas', topicCodes: 'topics',
  owningSectionCode: 'owning_section', providerSectionCode: 'provider', deliveryMode: 'delivery_mode', deliveryLanguages: 'languages',
  eligibleFrameworkCodes: 'eligible_frameworks', eligiblePartnerCodes: 'eligible_partners', leadTimeDays: 'lead_time_days', releasability: 'releasability',
  prerequisites: 'prerequisites', costNotes: 'cost_notes', prerequisitesFr: 'prerequisites_fr', costNotesFr: 'cost_notes_fr',
  requiredProgrammeFlags: 'required_programme_flags', releasableFrameworkCodes: 'releasable_frameworks', releasablePartnerCodes: 'releasable_partners',
};

const text = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);
const list = (v: string | undefined): string[] => (v ?? '').split(LIST).map((s) => s.trim()).filter((s) => s !== '');

/** The rows of the file's tables as desired offerings and iterations, with every problem a row has. */
export function parseCatalogueFile(tables: TableIn[]): ParsedFile {
  const out: ParsedFile = { offerings: [], iterations: [], errors: [], rows: 0 };
  const xlsx = !(tables.length === 1 && tables[0]!.name === 'CSV');
  for (const table of tables) {
    const sheet = xlsx ? table.name : null;
    const byRecord = table.columns.includes('record');
    const sheetKind = /^iterations?$/i.test(table.name) ? 'ITERATION' : /^offerings?$/i.test(table.name) || !xlsx ? 'OFFERING' : null;
    if (!byRecord && sheetKind === null) continue;
    const expected = byRecord ? CSV_COLUMNS : sheetKind === 'ITERATION' ? ITERATION_COLUMNS : OFFERING_COLUMNS;
    const missing = expected.filter((c) => c !== 'record' && !table.columns.includes(c) && REQUIRED_COLUMNS.has(c));
    if (missing.length) {
      out.errors.push({ row: 1, sheet, column: null, message: `Missing column(s) ${missing.join(', ')}: the first row must hold the column names (${expected.join(', ')}).` });
      continue;
    }
    for (const r of table.rows) {
      out.rows++;
      const at = { row: r.row, sheet };
      const record = byRecord ? (r.cells.record || 'OFFERING').toUpperCase() : sheetKind!;
      if (record === 'OFFERING') parseOffering(r.cells, at, out);
      else if (record === 'ITERATION') parseIteration(r.cells, at, out);
      else out.errors.push({ ...at, column: 'record', message: `record must be OFFERING or ITERATION; got ${JSON.stringify(r.cells.record)}.` });
    }
  }
  if (out.rows === 0 && out.errors.length === 0) {
    out.errors.push({ row: 1, sheet: null, column: null, message: 'The file has no rows: XLSX needs a sheet named Offerings (and optionally Iterations); CSV needs the header row and at least one row.' });
  }
  return out;
}

const REQUIRED_COLUMNS = new Set(['code', 'kind', 'owning_section', 'delivery_mode', 'lead_time_days', 'start_date', 'end_date', 'location']);

function enumValue<E extends string>(values: readonly E[], raw: string | undefined, fallback: E | undefined, column: string, at: RowRef, errors: ImportRowError[]): E | undefined {
  const value = (raw ?? '').toUpperCase();
  if (value === '' && fallback !== undefined) return fallback;
  if ((values as readonly string[]).includes(value)) return value as E;
  errors.push({ ...at, column, message: `${column} must be one of ${values.join(', ')}; got ${JSON.stringify(raw ?? '')}.` });
  return undefined;
}

function intValue(raw: string | undefined, column: string, at: RowRef, errors: ImportRowError[], optional: boolean): number | null | undefined {
  if ((raw ?? '') === '') {
    if (optional) return null;
    errors.push({ ...at, column, message: `${column} is required (a whole number).` });
    return undefined;
  }
  if (!/^\d+$/.test(raw!)) {
    errors.push({ ...at, column, message: `${column} must be a whole number; got ${JSON.stringify(raw)}.` });
    return undefined;
  }
  return Number(raw);
}

function parseOffering(cells: Record<string, string>, at: RowRef, out: ParsedFile): void {
  const errors: ImportRowError[] = [];
  const kind = enumValue(Object.values(OfferingKind), cells.kind, undefined, 'kind', at, errors);
  const deliveryMode = enumValue(Object.values(DeliveryMode), cells.delivery_mode, undefined, 'delivery_mode', at, errors);
  const status = enumValue(Object.values(OfferingStatus), cells.status, OfferingStatus.DRAFT, 'status', at, errors);
  const leadTimeDays = intValue(cells.lead_time_days, 'lead_time_days', at, errors, false);
  const fields = {
    etocCode: text(cells.etoc_code),
    eprimeReference: text(cells.eprime_ref),
    kind: kind!,
    subtype: text(cells.subtype),
    titleEn: text(cells.title_en),
    titleFr: text(cells.title_fr),
    summaryEn: text(cells.summary_en),
    summaryFr: text(cells.summary_fr),
    descriptionEn: text(cells.description_en),
    descriptionFr: text(cells.description_fr),
    areaCodes: list(cells.areas),
    topicCodes: list(cells.topics),
    owningSectionCode: cells.owning_section ?? '',
    providerSectionCode: text(cells.provider),
    deliveryMode: deliveryMode!,
    deliveryLanguages: list(cells.languages).map((l) => l.toLowerCase()),
    eligibleFrameworkCodes: list(cells.eligible_frameworks),
    eligiblePartnerCodes: list(cells.eligible_partners),
    leadTimeDays: leadTimeDays!,
    releasability: text(cells.releasability) ?? 'NATO UNCLASSIFIED',
    prerequisites: text(cells.prerequisites),
    costNotes: text(cells.cost_notes),
    prerequisitesFr: text(cells.prerequisites_fr),
    costNotesFr: text(cells.cost_notes_fr),
    requiredProgrammeFlags: list(cells.required_programme_flags),
    releasableFrameworkCodes: list(cells.releasable_frameworks),
    releasablePartnerCodes: list(cells.releasable_partners),
  };
  if (!cells.owning_section) errors.push({ ...at, column: 'owning_section', message: 'owning_section is required: the code of the section responsible for requests.' });
  if (!fields.titleEn && !fields.titleFr) errors.push({ ...at, column: 'title_en', message: 'An offering needs a title in at least one language (title_en or title_fr).' });
  // The same rules as the createOffering mutation's input, so a file cannot hold what the API would refuse.
  const input = plainToInstance(CreateOfferingInput, { code: cells.code ?? '', ...fields, kind: kind ?? OfferingKind.TRAINING_COURSE, deliveryMode: deliveryMode ?? DeliveryMode.RESIDENT, leadTimeDays: leadTimeDays ?? 0 });
  for (const e of flatten(validateSync(input, { forbidUnknownValues: false }))) {
    errors.push({ ...at, column: FIELD_COLUMN[e.property] ?? e.property, message: `${FIELD_COLUMN[e.property] ?? e.property}: ${Object.values(e.constraints ?? {}).join('; ')}` });
  }
  out.errors.push(...errors);
  if (errors.length === 0) out.offerings.push({ at, code: cells.code!, status: status!, fields });
}

function flatten(errors: ValidationError[]): ValidationError[] {
  return errors.flatMap((e) => [e, ...flatten(e.children ?? [])]).filter((e) => e.constraints);
}

function dateValue(raw: string | undefined, column: string, at: RowRef, errors: ImportRowError[], optional: boolean): string | null | undefined {
  if ((raw ?? '') === '') {
    if (optional) return null;
    errors.push({ ...at, column, message: `${column} is required (YYYY-MM-DD).` });
    return undefined;
  }
  const valid = DATE.test(raw!) && new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) === raw;
  if (!valid) errors.push({ ...at, column, message: `${column} must be a date as YYYY-MM-DD; got ${JSON.stringify(raw)}.` });
  return valid ? raw! : undefined;
}

function parseIteration(cells: Record<string, string>, at: RowRef, out: ParsedFile): void {
  const errors: ImportRowError[] = [];
  if (!cells.code) errors.push({ ...at, column: 'code', message: 'code is required: the offering this iteration belongs to.' });
  const startDate = dateValue(cells.start_date, 'start_date', at, errors, false);
  const endDate = dateValue(cells.end_date, 'end_date', at, errors, false);
  const applicationDeadline = dateValue(cells.application_deadline, 'application_deadline', at, errors, true);
  const capacity = intValue(cells.capacity, 'capacity', at, errors, true);
  const partnerQuota = intValue(cells.partner_quota, 'partner_quota', at, errors, true);
  const status = enumValue(Object.values(IterationStatus), cells.iteration_status, IterationStatus.PLANNED, 'iteration_status', at, errors);
  const location = cells.location ?? '';
  if (location === '' || location.length > 300) errors.push({ ...at, column: 'location', message: 'location is required, at most 300 characters.' });
  if (startDate && endDate && endDate < startDate) errors.push({ ...at, column: 'end_date', message: 'end_date must be on or after start_date.' });
  if (startDate && applicationDeadline && applicationDeadline > startDate) errors.push({ ...at, column: 'application_deadline', message: 'application_deadline must be on or before start_date.' });
  if (capacity === 0) errors.push({ ...at, column: 'capacity', message: 'capacity must be at least 1; leave it empty for no seat limit.' });
  if (partnerQuota === 0) errors.push({ ...at, column: 'partner_quota', message: 'partner_quota must be at least 1; leave it empty for no quota.' });
  out.errors.push(...errors);
  if (errors.length === 0) {
    out.iterations.push({ at, code: cells.code!, startDate: startDate!, endDate: endDate!, location, locationFr: text(cells.location_fr), capacity: capacity ?? null, applicationDeadline: applicationDeadline ?? null, partnerQuota: partnerQuota ?? null, status: status! });
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/**
 * What an update must change for the catalogue to match the row (only those fields, so a re-import of the same
 * file changes nothing); empty when it matches. An empty provider means the owning section, as on creation.
 */
export function offeringChanges(current: FlatOfferingRow, desired: DesiredOffering): Record<string, unknown> {
  const f = desired.fields;
  const changes: Record<string, unknown> = {};
  const scalar: Array<[keyof typeof f, unknown]> = [
    ['etocCode', current.etoc_code], ['eprimeReference', current.eprime_reference], ['kind', current.kind], ['subtype', current.subtype],
    ['titleEn', current.title_en], ['titleFr', current.title_fr], ['summaryEn', current.summary_en], ['summaryFr', current.summary_fr],
    ['descriptionEn', current.description_en], ['descriptionFr', current.description_fr], ['owningSectionCode', current.owning_section],
    ['deliveryMode', current.delivery_mode], ['leadTimeDays', current.lead_time_days], ['releasability', current.releasability],
    ['prerequisites', current.prerequisites], ['costNotes', current.cost_notes], ['prerequisitesFr', current.prerequisites_fr],
    ['costNotesFr', current.cost_notes_fr],
  ];
  for (const [field, now] of scalar) if ((f[field] ?? null) !== (now ?? null)) changes[field] = f[field];
  const lists: Array<[keyof typeof f, string[]]> = [
    ['areaCodes', current.areas], ['topicCodes', current.topics], ['deliveryLanguages', current.delivery_languages],
    ['eligibleFrameworkCodes', current.eligible_frameworks], ['eligiblePartnerCodes', current.eligible_partners],
    ['requiredProgrammeFlags', current.required_programme_flags], ['releasableFrameworkCodes', current.releasable_frameworks],
    ['releasablePartnerCodes', current.releasable_partners],
  ];
  for (const [field, now] of lists) if (!sameList(f[field] as string[], now)) changes[field] = f[field];
  const provider = f.providerSectionCode ?? f.owningSectionCode;
  if (provider !== (current.provider ?? current.owning_section)) changes.providerSectionCode = provider;
  return changes;
}

/** OPEN, FULL and CLOSED follow the seats and the deadline (the seat ledger's), so they count as one when comparing. */
const LEDGER_STATUSES = new Set<string>([IterationStatus.OPEN, IterationStatus.FULL, IterationStatus.CLOSED]);

export function iterationMatches(current: FlatIterationRow, desired: DesiredIteration): boolean {
  const sameStatus = current.status === desired.status || (LEDGER_STATUSES.has(current.status) && LEDGER_STATUSES.has(desired.status));
  return (
    sameStatus &&
    current.end_date === desired.endDate &&
    current.location === desired.location &&
    (current.location_fr ?? null) === desired.locationFr &&
    (current.capacity ?? null) === desired.capacity &&
    (current.application_deadline ?? null) === desired.applicationDeadline &&
    (current.partner_quota ?? null) === desired.partnerQuota
  );
}

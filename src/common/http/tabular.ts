import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { PassThrough, Readable } from 'node:stream';
import { DomainError } from '../errors/domain-error.js';

/**
 * CSV and XLSX tables for the export routes (streamed, row by row) and the import route (read whole: the file
 * is small and already in memory). CSV is RFC 4180, UTF-8 with a byte-order mark (so spreadsheet programs read
 * the French accents right); XLSX is written by exceljs's streaming writer, one sheet per table.
 */
export type TableFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type Cell = string | number | boolean | null | undefined;

export interface TableOut {
  name: string;
  columns: readonly string[];
  rows: AsyncIterable<readonly Cell[]>;
}

export function tableFormat(value: unknown): TableFormat {
  const format = typeof value === 'string' ? value.toLowerCase() : 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw DomainError.badInput(`format must be csv or xlsx; got ${JSON.stringify(value)}.`, 'format');
  return format;
}

/** A cell a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with ' (CSV injection). */
function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function* csvLines(table: TableOut): AsyncGenerator<string> {
  yield `\uFEFF${table.columns.map(csvCell).join(',')}\r\n`;
  for await (const row of table.rows) yield `${row.map(csvCell).join(',')}\r\n`;
}

/**
 * Streams the tables as an attachment: CSV takes the first table only (callers lay a CSV out as one table),
 * XLSX writes one sheet per table. Rows are pulled as the client reads, so memory stays flat however many.
 */
export function sendTables(reply: FastifyReply, format: TableFormat, fileBase: string, tables: readonly TableOut[]): FastifyReply {
  reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${fileBase}.${format}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store');
  if (format === 'csv') return reply.send(Readable.from(csvLines(tables[0]!)));
  const out = new PassThrough();
  void writeXlsx(out, tables).catch((error: unknown) => out.destroy(error as Error));
  return reply.send(out);
}

async function writeXlsx(out: PassThrough, tables: readonly TableOut[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow([...table.columns]).commit();
    for await (const row of table.rows) sheet.addRow(row.map((v) => (v === undefined ? null : v))).commit();
    sheet.commit();
  }
  await workbook.commit();
}

// --- Reading ---

export interface TableRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  cells: Record<string, string>;
}

export interface TableIn {
  name: string;
  columns: string[];
  rows: TableRow[];
}

/** The format of an uploaded table, from its content: XLSX is a ZIP (PK\x03\x04), anything else is read as CSV text. */
export function detectTableFormat(bytes: Buffer): TableFormat {
  return bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304 ? 'xlsx' : 'csv';
}

export async function readTables(bytes: Buffer, format: TableFormat): Promise<TableIn[]> {
  if (format === 'csv') return [toTable('CSV', parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')))];
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw DomainError.badInput('The file looks like XLSX but could not be read; save it again from your spreadsheet program, or send CSV.', 'file');
  }
  return workbook.worksheets.map((sheet) => {
    const grid: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        values[col - 1] = cellText(cell.value);
      });
      grid[n - 1] = Array.from(values, (v) => v ?? '');
    });
    return toTable(sheet.name, Array.from(grid, (r) => r ?? []));
  });
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined || value.result === null ? '' : String(value.result as unknown);
    return '';
  }
  return String(value);
}

function toTable(name: string, grid: string[][]): TableIn {
  const [header = [], ...body] = grid;
  const columns = header.map((h) => h.trim());
  const rows: TableRow[] = [];
  body.forEach((values, i) => {
    if (values.every((v) => v.trim() === '')) return;
    const cells: Record<string, string> = {};
    columns.forEach((c, j) => {
      if (c) cells[c] = unprotect((values[j] ?? '').trim());
    });
    rows.push({ row: i + 2, cells });
  });
  return { name, columns, rows };
}

/** Undoes the export's CSV-injection prefix, so an exported file imports as it was. */
function unprotect(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF ends a record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

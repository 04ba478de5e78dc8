import pg from 'pg';

const TIMESTAMPTZ_OID = 1184;
const pgParseTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => unknown;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const digits = (text: string, from: number, count: number): number => {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
};
/** Positions of the digits in 'YYYY-MM-DD HH:MM:SS'. */
const FIXED_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const FIXED_SEPARATORS: ReadonlyArray<[number, number]> = [[4, 45], [7, 45], [10, 32], [13, 58], [16, 58]];

/**
 * A timestamptz as PostgreSQL prints it ('YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM]', DateStyle ISO), to the same
 * Date as pg's own parser (postgres-date), without its regular expressions: a page of 50 requests with their
 * joined rows has some 600 of them, and parsing them was a twentieth of the request lists' CPU (bench/,
 * CPU profile). Anything else — BC, infinity, years before 1000 or after 9999, an offset in seconds — goes to
 * pg's parser.
 */
export function parseTimestamptz(text: string): unknown {
  const n = text.length;
  if (n < 22) return pgParseTimestamptz(text);
  for (const i of FIXED_DIGITS) if (!isDigit(text.charCodeAt(i))) return pgParseTimestamptz(text);
  for (const [i, code] of FIXED_SEPARATORS) if (text.charCodeAt(i) !== code) return pgParseTimestamptz(text);
  let i = 19;
  // Milliseconds, truncated as pg's parser does (through Date.UTC).
  let ms = 0;
  if (text.charCodeAt(i) === 46) {
    i++;
    let scale = 100;
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) {
      if (scale >= 1) ms += (text.charCodeAt(i) - 48) * scale;
      scale /= 10;
      i++;
    }
    if (i === start) return pgParseTimestamptz(text);
  }
  const sign = text.charCodeAt(i) === 43 ? 1 : text.charCodeAt(i) === 45 ? -1 : 0;
  if (sign === 0 || i + 3 > n || !isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2))) return pgParseTimestamptz(text);
  let offsetMinutes = digits(text, i + 1, 2) * 60;
  i += 3;
  if (i < n) {
    if (i + 3 !== n || text.charCodeAt(i) !== 58 || !isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2))) return pgParseTimestamptz(text);
    offsetMinutes += digits(text, i + 1, 2);
  }
  const year = digits(text, 0, 4);
  // Date.UTC reads years 0–99 as 1900–1999; pg's parser corrects that, and such dates are not the hot path.
  if (year < 1000) return pgParseTimestamptz(text);
  const utc = Date.UTC(year, digits(text, 5, 2) - 1, digits(text, 8, 2), digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2), ms);
  return new Date(utc - sign * offsetMinutes * 60_000);
}

/** The type parsers of the app's pools: pg's own but for timestamptz in text (the same values, parsed faster). */
export const appPgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary' ? parseTimestamptz : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

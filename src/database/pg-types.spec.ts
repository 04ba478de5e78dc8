import pg from 'pg';
import { appPgTypes, parseTimestamptz } from './pg-types.js';

const pgParse = pg.types.getTypeParser(1184, 'text') as (text: string) => unknown;
const same = (text: string) => {
  const expected = pgParse(text);
  const actual = parseTimestamptz(text);
  return { text, expected: expected instanceof Date ? expected.getTime() : expected, actual: actual instanceof Date ? actual.getTime() : actual };
};

describe('parseTimestamptz', () => {
  it.each([
    '2026-09-19 13:57:27.348371+00',
    '2026-09-19 13:57:27+00',
    '2026-09-19 13:57:27.5+00',
    '2026-09-19 13:57:27.05+00',
    '2026-09-19 13:57:27.999999+00',
    '2026-03-29 01:30:00+01',
    '2026-10-25 02:30:00.25+02',
    '1999-12-31 23:59:59.999-05',
    '2026-06-01 12:00:00+05:30',
    '2026-06-01 12:00:00-09:30',
    '1970-01-01 00:00:00+00',
    '2000-02-29 12:00:00+14',
    // pg's parser alone: BC, infinities, years outside 1000–9999, offsets in seconds, anything malformed.
    '0044-03-15 12:00:00+00 BC',
    '0099-01-01 00:00:00+00',
    '12026-01-01 00:00:00+00',
    'infinity',
    '-infinity',
    '1883-11-18 12:00:00-04:56:02',
    '2026-09-19T13:57:27+00',
    '2026-09-19 13:57:27.+00',
    '2026-09-19 13:57:27',
  ])('gives what pg gives for %s', (text) => {
    const { expected, actual } = same(text);
    expect(actual).toEqual(expected);
  });

  it('gives what pg gives for every millisecond and a spread of instants, fractions and offsets', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const mismatches: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      // Deterministic spread: instants over 1000–9999, fractions of 0–6 digits, offsets of whole and half hours.
      const instant = Date.UTC(1000, 0, 1) + ((k * 7_919_993_123) % (Date.UTC(9999, 0, 1) - Date.UTC(1000, 0, 1)));
      const offsetMinutes = ((k % 29) - 14) * 60 + (k % 7 === 0 ? 30 : 0);
      const local = new Date(instant + offsetMinutes * 60_000);
      const fractionDigits = k % 7;
      const fraction = fractionDigits === 0 ? '' : `.${String((k * 104_729) % 10 ** fractionDigits).padStart(fractionDigits, '0')}`;
      const sign = offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(offsetMinutes);
      const offset = `${sign}${pad(Math.floor(abs / 60))}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
      const text = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}${offset}`;
      const { expected, actual } = same(text);
      if (actual !== expected) mismatches.push(`${text}: ${String(actual)} ≠ ${String(expected)}`);
    }
    for (let ms = 0; ms < 1000; ms++) {
      const { text, expected, actual } = same(`2026-01-01 00:00:00.${String(ms).padStart(3, '0')}+00`);
      if (actual !== expected) mismatches.push(`${text}: ${String(actual)} ≠ ${String(expected)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('is the app pools\' parser for timestamptz in text only; every other type keeps pg\'s', () => {
    expect(appPgTypes.getTypeParser(1184, 'text')).toBe(parseTimestamptz);
    for (const oid of [16, 20, 23, 25, 1082, 1114, 1184, 2950, 3802]) {
      if (oid !== 1184) expect(appPgTypes.getTypeParser(oid, 'text')).toBe(pg.types.getTypeParser(oid, 'text'));
      expect(appPgTypes.getTypeParser(oid, 'binary')).toBe(pg.types.getTypeParser(oid, 'binary'));
    }
  });
});

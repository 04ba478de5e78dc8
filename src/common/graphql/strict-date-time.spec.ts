import { parseDateTime } from './strict-date-time.js';

describe('strict DateTime input', () => {
  it.each([
    ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T10:30:00.123+01:00', '2026-03-01T09:30:00.123Z'],
    ['2026-03-01T09:30Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
    ['2028-02-29', '2028-02-29T00:00:00.000Z'],
  ])('accepts %s', (input, iso) => {
    expect(parseDateTime(input).toISOString()).toBe(iso);
  });

  it.each(['yesterday', '', '0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '2026-02-30', '2027-02-29', '2026-13-01', '2026-03-01T24:00:00Z', '2026-03-01T09:30:00', '2026-03-01 09:30:00Z', 1700000000000, null, {}])(
    'refuses %p with a message that shows the expected form',
    (input) => {
      expect(() => parseDateTime(input)).toThrow(/ISO 8601 with a year from 0001 to 9999, such as 2026-03-01T09:30:00Z/);
    },
  );
});

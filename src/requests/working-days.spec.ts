import { addWorkingDays } from './working-days.js';

describe('addWorkingDays', () => {
  it('skips the weekend and ends the day in the section time zone', () => {
    // Friday 2026-03-06 18:00 in Brussels (UTC+1): 1 working day → end of Monday 9 March, Brussels time.
    expect(addWorkingDays(new Date('2026-03-06T17:00:00Z'), 1, 'Europe/Brussels').toISOString()).toBe('2026-03-09T22:59:59.999Z');
    // 5 working days from a Wednesday → the next Wednesday.
    expect(addWorkingDays(new Date('2026-03-04T09:00:00Z'), 5, 'Europe/Brussels').toISOString()).toBe('2026-03-11T22:59:59.999Z');
  });

  it('uses the local date, not the UTC one', () => {
    // 23:30 UTC on Sunday is already Monday in Tokyo: 1 working day → end of Tuesday, Tokyo time (UTC+9).
    expect(addWorkingDays(new Date('2026-03-08T23:30:00Z'), 1, 'Asia/Tokyo').toISOString()).toBe('2026-03-10T14:59:59.999Z');
  });

  it('follows a daylight-saving change', () => {
    // Brussels moves to UTC+2 on 29 March 2026: Friday 27 → Monday 30 ends at 21:59:59.999Z.
    expect(addWorkingDays(new Date('2026-03-27T10:00:00Z'), 1, 'Europe/Brussels').toISOString()).toBe('2026-03-30T21:59:59.999Z');
  });
});

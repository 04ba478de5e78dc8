import { escapeText, foldLine, renderCalendar, vtimezone } from './ics.js';

describe('the iCalendar writer', () => {
  it('escapes TEXT values (RFC 5545 3.3.11)', () => {
    expect(escapeText('a\\b; c, d\ne')).toBe('a\\\\b\\; c\\, d\\ne');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBe(2);
    for (const part of folded) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded[1]!.startsWith(' ')).toBe(true);
    expect(folded.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it("describes a zone's offset changes over the years asked", () => {
    expect(vtimezone('Europe/Brussels', 2027, 2027)).toEqual([
      'BEGIN:VTIMEZONE', 'TZID:Europe/Brussels',
      'BEGIN:STANDARD', 'DTSTART:20270101T010000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:20270328T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      'BEGIN:STANDARD', 'DTSTART:20271031T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'END:VTIMEZONE',
    ]);
    // A zone without daylight saving: one observance.
    expect(vtimezone('Asia/Tokyo', 2027, 2028).filter((l) => l.startsWith('BEGIN:'))).toEqual(['BEGIN:VTIMEZONE', 'BEGIN:STANDARD']);
  });

  it('writes CRLF-ended lines, all-day events with an exclusive end, and timed events in their zone', () => {
    const text = renderCalendar({
      name: 'Feed',
      events: [
        { uid: 'a@x', summary: 'Run', days: { start: '2027-12-30', end: '2027-12-31' }, stamp: new Date('2027-01-01T00:00:00Z') },
        { uid: 'b@x', summary: 'Deadline', at: { local: '2027-06-01T23:59', timeZone: 'Europe/Brussels', minutes: 1 }, stamp: new Date('2027-01-01T00:00:00Z') },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20271230\r\nDTEND;VALUE=DATE:20280101\r\n');
    expect(text).toContain('\r\nDTSTART;TZID=Europe/Brussels:20270601T235900\r\nDTEND;TZID=Europe/Brussels:20270602T000000\r\n');
    expect(text).toContain('\r\nDTSTAMP:20270101T000000Z\r\n');
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
  });
});

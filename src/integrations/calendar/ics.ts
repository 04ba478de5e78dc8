/**
 * A small iCalendar (RFC 5545) writer: content lines ended by CRLF, folded at 75 octets without splitting a UTF-8
 * character (3.1), TEXT escaped (3.3.11), and a VTIMEZONE for every time zone an event names, built from the
 * platform's time zone data (Intl) as one observance per UTC-offset change over the years the feed covers.
 */

export interface IcsEvent {
  uid: string;
  summary: string;
  description?: string;
  location?: string | null;
  url?: string;
  /** An all-day event: first and last day (inclusive), YYYY-MM-DD. */
  days?: { start: string; end: string };
  /** A timed event at a wall-clock time of a time zone: YYYY-MM-DDTHH:MM. */
  at?: { local: string; timeZone: string; minutes: number };
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** When the source last changed (DTSTAMP and LAST-MODIFIED). */
  stamp: Date;
}

export interface IcsCalendar {
  name: string;
  description?: string;
  events: IcsEvent[];
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets, continuation lines starting with a space (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines lose one octet to the leading space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const dateValue = (iso: string) => iso.replace(/-/g, '');
function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const localValue = (local: string) => `${local.replace(/[-:]/g, '')}00`;

/** The wall-clock time `minutes` after a local time (no zone arithmetic: DTEND in the same TZID). */
function addMinutes(local: string, minutes: number): string {
  const d = new Date(`${local}:00Z`);
  d.setUTCMinutes(d.getUTCMinutes() + minutes);
  return d.toISOString().slice(0, 16);
}

/** The UTC offset of `timeZone` at instant `t`, in minutes east of UTC. */
function offsetAt(timeZone: string, t: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const formatOffset = (minutes: number) => `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

/** The local wall-clock time at instant `t` for a given offset, as an iCalendar local DATE-TIME. */
const localAt = (t: number, offset: number) => utcStamp(new Date(t + offset * 60_000)).replace('Z', '');

/** A VTIMEZONE for `timeZone` valid from January 1 of `fromYear` to the end of `toYear`. */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const initial = offsetAt(timeZone, start);
  const observances: Array<{ at: number; from: number; to: number }> = [];
  const DAY = 86_400_000;
  let previous = initial;
  for (let t = start + DAY; t <= end; t += DAY) {
    const offset = offsetAt(timeZone, t);
    if (offset === previous) continue;
    // The change happened within the last day: find its minute.
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(timeZone, mid) === previous) lo = mid;
      else hi = mid;
    }
    observances.push({ at: hi, from: previous, to: offset });
    previous = offset;
  }
  const standard = Math.min(initial, ...observances.map((o) => o.to));
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const block = (kind: 'STANDARD' | 'DAYLIGHT', dtstart: string, from: number, to: number) =>
    lines.push(`BEGIN:${kind}`, `DTSTART:${dtstart}`, `TZOFFSETFROM:${formatOffset(from)}`, `TZOFFSETTO:${formatOffset(to)}`, `END:${kind}`);
  block(initial > standard ? 'DAYLIGHT' : 'STANDARD', localAt(start, initial), initial, initial);
  for (const o of observances) block(o.to > standard ? 'DAYLIGHT' : 'STANDARD', localAt(o.at, o.from), o.from, o.to);
  lines.push('END:VTIMEZONE');
  return lines;
}

/** The calendar as an iCalendar object: CRLF line ends, folded lines. */
export function renderCalendar(calendar: IcsCalendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Partner Cooperation Portal//Calendar feeds//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  if (calendar.description) lines.push(`X-WR-CALDESC:${escapeText(calendar.description)}`);
  // One VTIMEZONE per zone used, over the years its events fall in.
  const years = new Map<string, { from: number; to: number }>();
  for (const e of calendar.events) {
    if (!e.at) continue;
    const year = Number(e.at.local.slice(0, 4));
    const span = years.get(e.at.timeZone) ?? { from: year, to: year };
    years.set(e.at.timeZone, { from: Math.min(span.from, year), to: Math.max(span.to, year) });
  }
  for (const [zone, span] of [...years].sort(([a], [b]) => a.localeCompare(b))) lines.push(...vtimezone(zone, span.from, span.to));
  for (const e of calendar.events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utcStamp(e.stamp)}`, `LAST-MODIFIED:${utcStamp(e.stamp)}`);
    if (e.days) {
      lines.push(`DTSTART;VALUE=DATE:${dateValue(e.days.start)}`, `DTEND;VALUE=DATE:${dateValue(nextDay(e.days.end))}`, 'TRANSP:TRANSPARENT');
    } else if (e.at) {
      lines.push(`DTSTART;TZID=${e.at.timeZone}:${localValue(e.at.local)}`, `DTEND;TZID=${e.at.timeZone}:${localValue(addMinutes(e.at.local, e.at.minutes))}`);
    }
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/**
 * Service targets count working days (Monday to Friday) in the section's time zone: a request submitted
 * on Friday evening in Brussels with a 1-day target is due by the end of Monday, Brussels time.
 */

// Building an Intl.DateTimeFormat costs far more than formatting with one (a fifth of submitRequest's CPU when
// built per call), and sections use a handful of zones: one of each kind per zone, made on first use.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) cache.set(timeZone, (format = make()));
  return format;
}

function localDate(at: Date, timeZone: string): { y: number; m: number; d: number } {
  const parts = formatIn(dateFormats, timeZone, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}

/** Offset of `timeZone` from UTC at `at`, in milliseconds. */
function offsetMs(at: Date, timeZone: string): number {
  const parts = formatIn(dateTimeFormats, timeZone, () => new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  })).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The end (23:59:59.999 local) of the `days`-th working day after `start`'s local date. */
export function addWorkingDays(start: Date, days: number, timeZone: string): Date {
  const { y, m, d } = localDate(start, timeZone);
  const day = new Date(Date.UTC(y, m - 1, d));
  let left = days;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  const wallClock = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 23, 59, 59, 999);
  // Two passes settle the offset on days when the clocks change.
  let utc = wallClock - offsetMs(new Date(wallClock), timeZone);
  utc = wallClock - offsetMs(new Date(utc), timeZone);
  return new Date(utc);
}

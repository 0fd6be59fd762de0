/** Calendar arithmetic in an IANA time zone, for report ranges and monthly buckets. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at this instant. */
function offsetMs(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSecond;
}

/** The instant a calendar day starts in the zone (midnight there; zones change clocks at night, not at 00:00, here). */
export function startOfDay(year: number, month: number, day: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day);
  let t = asUtc - offsetMs(asUtc, timeZone);
  const corrected = asUtc - offsetMs(t, timeZone);
  if (corrected !== t) t = corrected;
  return t;
}

/** Parses YYYY-MM-DD and returns the start of that day, or of the day after when `nextDay`. */
export function startOfIsoDate(isoDate: string, timeZone: string, nextDay = false): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  // Date.UTC normalises day 32 → next month, so the day after is simply d + 1.
  const next = new Date(Date.UTC(y, m - 1, d + (nextDay ? 1 : 0)));
  return startOfDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
}

/** YYYY-MM of the instant in the zone. */
export function monthKey(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}`;
}

/** Every month key from `first` to `last` inclusive (both YYYY-MM). */
export function monthsBetween(first: string, last: string): string[] {
  const [fy, fm] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let y = fy, m = fm; y < ly || (y === ly && m <= lm); m === 12 ? ((m = 1), (y += 1)) : (m += 1)) {
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

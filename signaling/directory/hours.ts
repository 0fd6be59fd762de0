import type { HoursOfCover } from '../protocol.js';

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Day of week (0 = Sunday) and minutes since midnight at `at` in `timeZone`. */
export function localTime(at: number, timeZone: string): { day: number; minutes: number } {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether `at` falls in the hours of cover. A weekly window starts on one of `days` at `start` and
 * ends at `end` the same day, or the next day when `end` is not after `start` (overnight cover).
 */
export function isInHours(hours: HoursOfCover, at: number): boolean {
  if (hours.kind === 'always') return true;
  let local: { day: number; minutes: number };
  try {
    local = localTime(at, hours.timeZone);
  } catch {
    return false; // unknown time zone: never claim cover we cannot compute
  }
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  const days = new Set(hours.days);
  if (end > start) return days.has(local.day) && local.minutes >= start && local.minutes < end;
  const yesterday = (local.day + 6) % 7;
  return (days.has(local.day) && local.minutes >= start) || (days.has(yesterday) && local.minutes < end);
}

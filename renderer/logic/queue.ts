import type { QueueItem } from '../../signaling/protocol.js';
import { sortQueue } from '../../signaling/protocol.js';

/** Seconds since a server timestamp, on the local clock corrected by the server's offset. */
export function elapsedSec(sinceServerMs: number, nowLocalMs: number, clockOffsetMs: number): number {
  return Math.max(0, Math.floor((nowLocalMs + clockOffsetMs - sinceServerMs) / 1000));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(totalSec: number): string {
  const s = Math.max(0, Math.floor(totalSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "about 2 min" for expected waits; null → "no recent data". */
export function formatExpectedWait(sec: number | null): string {
  if (sec === null) return 'not known yet';
  if (sec < 60) return 'under a minute';
  return `about ${Math.round(sec / 60)} min`;
}

/** The first call ringing for this user, in queue order: what the A shortcut answers. */
export function firstRinging(items: readonly QueueItem[]): QueueItem | undefined {
  return sortQueue(items).find((i) => i.offeredToYou);
}

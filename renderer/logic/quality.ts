/** Connection quality from WebRTC stats: round-trip time, packet loss and jitter. */
export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';

export interface QualitySample {
  rttMs: number | null;
  /** Packet loss over the last interval, percent. */
  lossPct: number | null;
  jitterMs: number | null;
}

/** Thresholds in the spirit of ITU-T G.114 / common VoIP practice. */
const FAIR = { rttMs: 300, lossPct: 2, jitterMs: 30 };
const POOR = { rttMs: 600, lossPct: 8, jitterMs: 60 };

export function classifyQuality(s: QualitySample): QualityLevel {
  if (s.rttMs === null && s.lossPct === null && s.jitterMs === null) return 'unknown';
  const over = (t: typeof FAIR) =>
    (s.rttMs ?? 0) > t.rttMs || (s.lossPct ?? 0) > t.lossPct || (s.jitterMs ?? 0) > t.jitterMs;
  if (over(POOR)) return 'poor';
  if (over(FAIR)) return 'fair';
  return 'good';
}

/** Cumulative counters read from getStats at one moment. */
export interface StatsCounters {
  packetsReceived: number;
  packetsLost: number;
  jitterSec: number | null;
  rttSec: number | null;
}

/** Loss is measured between two readings, so an old burst does not colour the whole call. */
export function sampleBetween(prev: StatsCounters | null, cur: StatsCounters): QualitySample {
  let lossPct: number | null = null;
  if (prev) {
    const received = cur.packetsReceived - prev.packetsReceived;
    const lost = Math.max(0, cur.packetsLost - prev.packetsLost);
    if (received + lost > 0) lossPct = (lost / (received + lost)) * 100;
  }
  return {
    rttMs: cur.rttSec === null ? null : cur.rttSec * 1000,
    lossPct,
    jitterMs: cur.jitterSec === null ? null : cur.jitterSec * 1000,
  };
}

export const QUALITY_LABEL: Record<QualityLevel, string> = {
  good: 'Good connection',
  fair: 'Fair connection',
  poor: 'Poor connection',
  unknown: 'Measuring connection…',
};

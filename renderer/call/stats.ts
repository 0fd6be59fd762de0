import type { StatsCounters } from '../logic/quality.js';

/** What one getStats() reading says about the audio in both directions. */
export interface AudioStats extends StatsCounters {
  bytesReceived: number;
  bytesSent: number;
  /** Played-out energy of the remote audio; rises only while sound (not silence) arrives. */
  totalAudioEnergy: number;
  /** Energy of our own microphone as sent (media-source); stays flat while muted. */
  sentAudioEnergy: number;
}

export async function readAudioStats(pc: RTCPeerConnection): Promise<AudioStats> {
  const out: AudioStats = {
    bytesReceived: 0,
    bytesSent: 0,
    totalAudioEnergy: 0,
    sentAudioEnergy: 0,
    packetsReceived: 0,
    packetsLost: 0,
    jitterSec: null,
    rttSec: null,
  };
  const report = await pc.getStats();
  report.forEach((s: Record<string, unknown>) => {
    const num = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : 0);
    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      out.bytesReceived += num('bytesReceived');
      out.totalAudioEnergy += num('totalAudioEnergy');
      out.packetsReceived += num('packetsReceived');
      out.packetsLost += num('packetsLost');
      if (typeof s.jitter === 'number') out.jitterSec = s.jitter;
    } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
      out.bytesSent += num('bytesSent');
    } else if (s.type === 'media-source' && s.kind === 'audio') {
      out.sentAudioEnergy += num('totalAudioEnergy');
    } else if (s.type === 'candidate-pair' && s.nominated === true && typeof s.currentRoundTripTime === 'number') {
      out.rttSec = s.currentRoundTripTime;
    } else if (s.type === 'remote-inbound-rtp' && s.kind === 'audio' && out.rttSec === null && typeof s.roundTripTime === 'number') {
      out.rttSec = s.roundTripTime;
    }
  });
  return out;
}

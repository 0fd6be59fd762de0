import type { SignalData } from '../../../signaling/protocol.js';

/**
 * What the call loop needs from a server, implemented once for OnCall (its real protocol) and
 * once for the floor (bare forwarding of equally sized messages). Latencies are taken by the
 * loop in the hooks, so both servers are timed by the same code on the same clock.
 */

export interface WorkerClient {
  userId: string;
  /** OnCall session token (the floor ignores it). */
  token: string;
  role: 'specialist' | 'caller';
  lineId: string;
}

export interface DriverHooks {
  /** A specialist's ring for the call tagged `tag`. */
  onRing(specialistId: string, tag: string, callId: string): void;
  /** The caller was told the call is connected. */
  onConnected(callerId: string, callId: string): void;
  /** A relayed signal reached `recipientId`. */
  onSignal(recipientId: string, callId: string, data: SignalData): void;
  /** A connected client lost its connection (counted: the bench expects none). */
  onDisconnect(userId: string, reason: string): void;
}

export interface Driver {
  connect(client: WorkerClient, timeoutMs: number): Promise<void>;
  /** The caller asks for a call; `freeSpecialists` is who should ring (the floor forwards to them). */
  request(callerId: string, lineId: string, tag: string, freeSpecialists: string[]): Promise<void>;
  /** `rung` is everyone the call rang for: the others are told it stopped (OnCall does that itself). */
  accept(specialistId: string, callId: string, callerId: string, rung: readonly string[]): Promise<void>;
  signal(fromId: string, toId: string, callId: string, data: SignalData): Promise<void>;
  /** Ends the call and frees the specialist (OnCall: hang up, then the advice outcome). */
  finish(specialistId: string, callerId: string, callId: string): Promise<void>;
  /** Server→client events received by all clients so far (acknowledgements not counted). */
  /** Events received so far, by name. */
  eventsReceived(): Record<string, number>;
  connectedCount(): number;
  closeAll(): void;
}

const QUESTION_PREFIX = 'Bench call ';
export const questionFor = (tag: string) => `${QUESTION_PREFIX}${tag}: 72-year-old on warfarin with INR 6.1, no bleeding; hold or reverse?`;
export const tagOf = (question: string): string | null =>
  question.startsWith(QUESTION_PREFIX) ? question.slice(QUESTION_PREFIX.length, question.indexOf(':', QUESTION_PREFIX.length)) : null;

const FAKE_SDP = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS 9a1c2e7d-bench',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:bnch',
  'a=ice-pwd:benchbenchbenchbenchbench',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 6B:8B:5D:EA:59:04:20:23:29:C8:87:1C:CC:87:32:BE:DD:8C:66:A5:8E:50:55:EA:8C:D3:B6:5C:09:5E:79:F2',
  'a=setup:actpass',
  'a=mid:0',
  'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid',
  'a=sendrecv',
  'a=msid:9a1c2e7d-bench 0f6a2b44-bench',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000',
  'a=ssrc:3735928559 cname:benchbenchbench0',
  'a=ssrc:3735928559 msid:9a1c2e7d-bench 0f6a2b44-bench',
  '',
].join('\r\n');

/** What simple-peer sends during a call set-up: offer, answer, then trickled candidates. */
export function benchSignal(index: number): SignalData {
  if (index === 0) return { type: 'offer', sdp: FAKE_SDP };
  if (index === 1) return { type: 'answer', sdp: FAKE_SDP.replace('a=setup:actpass', 'a=setup:active') };
  return {
    type: 'candidate',
    candidate: { candidate: `candidate:${1000 + index} 1 udp 2122260223 127.0.0.1 ${40000 + index} typ host generation 0 ufrag bnch network-id 1`, sdpMid: '0', sdpMLineIndex: 0 },
  };
}

import { readAudioStats } from '../../../renderer/call/stats.js';
import SimplePeer, { type SimplePeerInstance, type SimplePeerSignal } from 'simple-peer';
import { io, type Socket } from 'socket.io-client';
import { deferred, firstPositive, now, within } from './wait.js';

interface Side {
  id: 'bench-caller' | 'bench-specialist';
  socket: Socket;
  peer: SimplePeerInstance | null;
  mic: MediaStream | null;
  audio: HTMLAudioElement | null;
  early: SimplePeerSignal[];
}

/**
 * The media floor: a bare simple-peer pair in this page, signalled through the bare relay
 * (floor-server.ts) with the same steps as an OnCall call — ring, accept, then each side opens
 * the microphone and starts its peer (the "specialist" initiates), trickling ICE via the relay.
 */
export class BareFlow {
  private constructor(
    private readonly caller: Side,
    private readonly specialist: Side,
  ) {}

  static async open(url: string): Promise<BareFlow> {
    const [caller, specialist] = await Promise.all([connect(url, 'bench-caller'), connect(url, 'bench-specialist')]);
    const flow = new BareFlow(caller, specialist);
    specialist.socket.on('ring', (m: { callId: string }) => {
      fwd(specialist.socket, caller.id, 'accepted', m);
      void flow.start(specialist, true);
    });
    caller.socket.on('accepted', () => void flow.start(caller, false));
    for (const side of [caller, specialist]) {
      side.socket.on('signal', (data: SimplePeerSignal) => (side.peer ? side.peer.signal(data) : side.early.push(data)));
    }
    return flow;
  }

  private onSpecialistPeer: ((pc: RTCPeerConnection) => void) | null = null;

  /** ms from the caller's ring request to the first inbound audio bytes at the specialist. */
  async call(timeoutMs: number): Promise<number> {
    const peerReady = deferred<RTCPeerConnection>();
    this.onSpecialistPeer = peerReady.resolve;
    const t0 = now();
    fwd(this.caller.socket, this.specialist.id, 'ring', { callId: crypto.randomUUID() });
    try {
      const pc = await within(peerReady.promise, timeoutMs, 'specialist peer');
      const t1 = await firstPositive(async () => (await readAudioStats(pc)).bytesReceived, timeoutMs);
      return t1 - t0;
    } finally {
      for (const s of [this.caller, this.specialist]) stop(s);
    }
  }

  close(): void {
    for (const s of [this.caller, this.specialist]) {
      stop(s);
      s.socket.close();
    }
  }

  private async start(side: Side, initiator: boolean): Promise<void> {
    side.mic = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    const other = side === this.caller ? this.specialist : this.caller;
    const peer = new SimplePeer({ initiator, stream: side.mic, trickle: true, config: { iceServers: [] } });
    side.peer = peer;
    peer.on('signal', (data: SimplePeerSignal) => fwd(side.socket, other.id, 'signal', data));
    peer.on('stream', (stream: MediaStream) => {
      side.audio = document.createElement('audio');
      side.audio.autoplay = true;
      side.audio.srcObject = stream;
      document.body.appendChild(side.audio);
    });
    peer.on('error', () => undefined);
    for (const d of side.early.splice(0)) peer.signal(d);
    if (side === this.specialist) this.onSpecialistPeer?.((peer as unknown as { _pc: RTCPeerConnection })._pc);
  }
}

function stop(s: Side): void {
  s.peer?.destroy();
  s.peer = null;
  s.mic?.getTracks().forEach((t) => t.stop());
  s.mic = null;
  s.early = [];
  s.audio?.remove();
  s.audio = null;
}

function fwd(socket: Socket, to: string, ev: string, data: unknown): void {
  socket.emit('fwd', { to: [to], ev, data }, () => undefined);
}

function connect(url: string, id: Side['id']): Promise<Side> {
  const socket = io(url, { auth: { id }, transports: ['websocket'], reconnection: false, forceNew: true });
  return within(
    new Promise<Side>((resolve, reject) => {
      socket.once('ready', () => resolve({ id, socket, peer: null, mic: null, audio: null, early: [] }));
      socket.once('connect_error', (err: Error) => reject(err));
    }),
    10_000,
    'floor ready',
  );
}

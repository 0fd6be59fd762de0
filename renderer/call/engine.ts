import SimplePeer, { type SimplePeerInstance } from 'simple-peer';
import { SignalData, type IceServer } from '../../signaling/protocol.js';
import { openMicrophone } from './media.js';
import { readAudioStats, type AudioStats } from './stats.js';

/**
 * The one call engine for both roles: a simple-peer connection carrying microphone audio, trickle
 * ICE through the server (`call:signal`), remote audio played through an <audio> element.
 * The specialist initiates (creates the offer) once they have accepted; the caller answers.
 *
 * A call outlives a reload of either side's page (the desktop app reloads its window after a
 * renderer crash): the page that comes back starts a fresh peer and the other side swaps its own
 * for a fresh one. A fresh offer to a caller who already answered one means the specialist's side
 * started again; a caller who comes back (`rejoin`) asks the specialist's side for a fresh offer
 * with a `restart` signal. Meanwhile the side that stayed shows `reconnecting`, for up to the
 * connect time-out.
 */
export type MediaPhase = 'starting' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

/**
 * A peer must connect within this time, at the start (or the call is hung up `media_failed`) and
 * after the other side's page went away (or the call is hung up as lost).
 */
export const MEDIA_CONNECT_TIMEOUT_MS = 30_000;
/**
 * A peer that closes is shown as `reconnecting` only this long after: when the other side hangs
 * up, its peer closes just before the call's update arrives, and the screen should go straight to
 * the call's end.
 */
export const RECONNECTING_NOTICE_MS = 1000;

export interface EngineOptions {
  callId: string;
  initiator: boolean;
  iceServers: IceServer[];
  inputDeviceId: string | null;
  outputDeviceId: string | null;
  sendSignal(data: SignalData): void;
  onPhase(phase: MediaPhase, detail?: string): void;
  connectTimeoutMs?: number;
  /** The call was already connected when this page took it up (session:ready): the other side may hold a peer of an earlier page. */
  rejoin?: boolean;
}

const audioSender = (peer: SimplePeerInstance | null) => peer?._pc.getSenders().find((s) => s.track?.kind === 'audio');

export class CallEngine {
  private peer: SimplePeerInstance | null = null;
  private mic: MediaStream | null = null;
  private readonly audio: HTMLAudioElement;
  private readonly pending: SignalData[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private notice: ReturnType<typeof setTimeout> | null = null;
  private phase: MediaPhase = 'starting';
  private muted = false;
  /** Answering side: the current peer has taken an offer (another one means the other side started again). */
  private offerTaken = false;
  /** Offering side: the current peer has sent its offer (what the other side sends before it is stale). */
  private offerSent = false;

  constructor(private readonly opts: EngineOptions) {
    this.audio = document.createElement('audio');
    this.audio.autoplay = true;
    this.audio.hidden = true;
    this.audio.dataset.oncallRemoteAudio = opts.callId;
    document.body.appendChild(this.audio);
  }

  get callId(): string {
    return this.opts.callId;
  }

  async start(): Promise<void> {
    this.armTimeout();
    let mic: MediaStream;
    try {
      mic = await openMicrophone(this.opts.inputDeviceId);
      await this.setOutput(this.opts.outputDeviceId);
    } catch (err) {
      this.fail('microphone', err);
      return;
    }
    if (this.stopped()) {
      mic.getTracks().forEach((t) => t.stop()); // the call ended while the device opened
      return;
    }
    this.mic = mic; // from here on signals go to a peer, not to `pending`
    this.applyMute();
    this.connect();
    this.setPhase('connecting');
    // Taking the call up anew, the caller asks the specialist's side for a fresh offer, unless one
    // made for this page is already here.
    const offerHere = this.pending.some((d) => d.type === 'offer');
    if (this.opts.rejoin && !this.opts.initiator && !offerHere) this.opts.sendSignal({ type: 'restart' });
    for (const data of this.pending.splice(0)) this.signal(data);
  }

  /**
   * A signal from the other party; kept until the microphone is open (the offer can beat it). A
   * `restart`, or a second offer to the answering side, swaps the peer for a fresh one.
   */
  signal(data: SignalData): void {
    if (this.stopped()) return;
    if (!this.mic) {
      if (data.type !== 'restart') this.pending.push(data); // the peer about to start is a fresh one
      return;
    }
    if (data.type === 'restart') {
      if (this.opts.initiator) this.renew();
      return;
    }
    if (this.opts.initiator) {
      // Nothing the answering side sends comes before this peer's offer: it was for a peer replaced.
      if (!this.offerSent) return;
    } else if (data.type === 'offer') {
      if (this.offerTaken || !this.peer) this.renew();
      this.offerTaken = true;
    }
    this.peer?.signal(data); // none while the other side is away: its next peer sends its own
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.applyMute();
  }

  async setOutput(deviceId: string | null): Promise<void> {
    const el = this.audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (el.setSinkId) await el.setSinkId(deviceId ?? '').catch(() => undefined);
  }

  /**
   * Switches microphone mid-call without renegotiation (replaceTrack). While reconnecting there is
   * no peer: the next one starts on the new microphone.
   */
  async setInput(deviceId: string | null): Promise<void> {
    if (!this.mic) return; // not started: start() opens the device it was given
    const next = await openMicrophone(deviceId);
    const release = () => next.getTracks().forEach((t) => t.stop());
    // The call may have ended while the device opened: a track left running keeps the mic on.
    const track = next.getAudioTracks()[0];
    if (!track || this.stopped()) return release();
    const peer = this.peer;
    try {
      await audioSender(peer)?.replaceTrack(track);
    } catch (err) {
      release();
      throw err;
    }
    if (this.stopped()) return release();
    // A peer made meanwhile (the other side came back) started on the old microphone.
    if (this.peer !== peer) await audioSender(this.peer)?.replaceTrack(track).catch(() => undefined);
    this.stopMic();
    this.mic = next;
    this.applyMute();
  }

  async stats(): Promise<AudioStats | null> {
    const pc = this.peer?._pc;
    if (!pc || this.peer?.destroyed) return null;
    return readAudioStats(pc);
  }

  get currentPhase(): MediaPhase {
    return this.phase;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.notice) clearTimeout(this.notice);
    if (this.phase !== 'failed') this.phase = 'closed';
    const peer = this.peer;
    this.peer = null;
    peer?.destroy();
    this.stopMic();
    this.audio.srcObject = null;
    this.audio.remove();
  }

  /** Stopped by the call store, or failed: nothing more happens. */
  private stopped(): boolean {
    return this.phase === 'closed' || this.phase === 'failed';
  }

  /** A new peer; events from one it replaced are ignored. */
  private connect(): void {
    const peer = new SimplePeer({
      initiator: this.opts.initiator,
      stream: this.mic!,
      trickle: true,
      config: { iceServers: this.opts.iceServers as RTCIceServer[] },
    });
    this.peer = peer;
    this.offerTaken = false;
    this.offerSent = false;
    const current = () => this.peer === peer;
    peer.on('signal', (data) => {
      const parsed = SignalData.safeParse(data);
      if (!current() || !parsed.success) return;
      if (parsed.data.type === 'offer') this.offerSent = true;
      this.opts.sendSignal(parsed.data);
    });
    peer.on('stream', (stream) => {
      if (!current()) return;
      this.audio.srcObject = stream;
      void this.audio.play().catch(() => undefined);
    });
    peer.on('connect', () => {
      if (!current()) return;
      if (this.timer) clearTimeout(this.timer);
      this.setPhase('connected');
    });
    // The other side's page going away (closed, reloaded, its renderer crashed) closes or aborts
    // the data channel: wait for that side to come back with a fresh peer. The connection itself
    // failing (ICE, DTLS, a bad description) fails the call's audio at once.
    peer.on('error', (err) => {
      if (!current()) return;
      if ((err as { code?: unknown }).code === 'ERR_DATA_CHANNEL') this.lost();
      else this.fail('peer', err);
    });
    peer.on('close', () => {
      if (current()) this.lost();
    });
  }

  private lost(): void {
    if (this.stopped()) return;
    const old = this.peer;
    this.peer = null;
    old?.destroy();
    this.armTimeout();
    if (this.notice) clearTimeout(this.notice);
    this.notice = setTimeout(() => {
      if (this.peer === null && !this.stopped()) this.setPhase('reconnecting', 'peer_closed');
    }, RECONNECTING_NOTICE_MS);
  }

  /** The other side started again: a fresh peer (the initiator's sends a fresh offer). */
  private renew(): void {
    const old = this.peer;
    this.peer = null;
    old?.destroy();
    if (this.phase === 'connected') this.setPhase('reconnecting', 'restart');
    this.armTimeout();
    this.connect();
  }

  /** Fails the call unless the peer connects within the connect time-out from now. */
  private armTimeout(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.phase !== 'connected') this.fail('media_timeout');
    }, this.opts.connectTimeoutMs ?? MEDIA_CONNECT_TIMEOUT_MS);
  }

  private applyMute(): void {
    this.mic?.getAudioTracks().forEach((t) => {
      t.enabled = !this.muted;
    });
  }

  private stopMic(): void {
    this.mic?.getTracks().forEach((t) => t.stop());
    this.mic = null;
  }

  private setPhase(phase: MediaPhase, detail?: string): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.opts.onPhase(phase, detail);
  }

  private fail(detail: string, err?: unknown): void {
    if (this.phase === 'failed' || this.phase === 'closed') return;
    console.warn('call engine failed:', detail, err);
    this.setPhase('failed', detail);
  }
}

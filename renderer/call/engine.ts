import SimplePeer, { type SimplePeerInstance } from 'simple-peer';
import { SignalData, type IceServer } from '../../signaling/protocol.js';
import { openMicrophone } from './media.js';
import { readAudioStats, type AudioStats } from './stats.js';

/**
 * The one call engine for both roles: a simple-peer connection carrying microphone audio, trickle
 * ICE through the server (`call:signal`), remote audio played through an <audio> element.
 * The specialist initiates (creates the offer) once they have accepted; the caller answers.
 */
export type MediaPhase = 'starting' | 'connecting' | 'connected' | 'failed' | 'closed';

/** The peer must connect within this time or the call ends `failed` (media_failed). */
export const MEDIA_CONNECT_TIMEOUT_MS = 30_000;

export interface EngineOptions {
  callId: string;
  initiator: boolean;
  iceServers: IceServer[];
  inputDeviceId: string | null;
  outputDeviceId: string | null;
  sendSignal(data: SignalData): void;
  onPhase(phase: MediaPhase, detail?: string): void;
  connectTimeoutMs?: number;
}

export class CallEngine {
  private peer: SimplePeerInstance | null = null;
  private mic: MediaStream | null = null;
  private readonly audio: HTMLAudioElement;
  private readonly pending: SignalData[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private phase: MediaPhase = 'starting';
  private muted = false;

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
    this.timer = setTimeout(() => {
      if (this.phase !== 'connected') this.fail('media_timeout');
    }, this.opts.connectTimeoutMs ?? MEDIA_CONNECT_TIMEOUT_MS);
    try {
      this.mic = await openMicrophone(this.opts.inputDeviceId);
    } catch (err) {
      this.fail('microphone', err);
      return;
    }
    if (this.phase === 'closed' || this.phase === 'failed') {
      this.stopMic();
      return;
    }
    this.applyMute();
    await this.setOutput(this.opts.outputDeviceId);
    const peer = new SimplePeer({
      initiator: this.opts.initiator,
      stream: this.mic,
      trickle: true,
      config: { iceServers: this.opts.iceServers as RTCIceServer[] },
    });
    this.peer = peer;
    this.setPhase('connecting');
    peer.on('signal', (data) => {
      const parsed = SignalData.safeParse(data);
      if (parsed.success) this.opts.sendSignal(parsed.data);
    });
    peer.on('stream', (stream) => {
      this.audio.srcObject = stream;
      void this.audio.play().catch(() => undefined);
    });
    peer.on('connect', () => {
      if (this.timer) clearTimeout(this.timer);
      this.setPhase('connected');
    });
    peer.on('error', (err) => this.fail('peer', err));
    peer.on('close', () => {
      if (this.phase === 'connected' || this.phase === 'connecting') this.setPhase('closed', 'peer_closed');
    });
    for (const data of this.pending.splice(0)) peer.signal(data);
  }

  /** A signal from the other party; kept until the peer exists (the offer can beat our mic). */
  signal(data: SignalData): void {
    if (this.phase === 'closed' || this.phase === 'failed') return;
    if (this.peer) this.peer.signal(data);
    else this.pending.push(data);
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.applyMute();
  }

  async setOutput(deviceId: string | null): Promise<void> {
    const el = this.audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (el.setSinkId) await el.setSinkId(deviceId ?? '').catch(() => undefined);
  }

  /** Switches microphone mid-call without renegotiation (replaceTrack). */
  async setInput(deviceId: string | null): Promise<void> {
    if (!this.peer || !this.mic) return;
    const next = await openMicrophone(deviceId);
    const release = () => next.getTracks().forEach((t) => t.stop());
    // The call may have ended while the device opened: a track left running keeps the mic on.
    const track = next.getAudioTracks()[0];
    const sender = this.ended() ? undefined : this.peer?._pc.getSenders().find((s) => s.track?.kind === 'audio');
    if (!track || !sender) return release();
    try {
      await sender.replaceTrack(track);
    } catch (err) {
      release();
      throw err;
    }
    if (this.ended()) return release();
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
    if (this.phase !== 'failed') this.phase = 'closed';
    this.peer?.destroy();
    this.peer = null;
    this.stopMic();
    this.audio.srcObject = null;
    this.audio.remove();
  }

  private ended(): boolean {
    return this.peer === null || this.phase === 'closed' || this.phase === 'failed';
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

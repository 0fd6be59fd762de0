/**
 * The slice of the renderer's call engine (renderer/call/engine.ts, stats.ts) the bench page
 * uses. The page imports them through these aliases, which media/build.ts points at the real
 * files, because the root tsconfig (Node typings, no simple-peer path mapping) cannot type-check
 * the renderer's own modules; the renderer's tsconfig checks those.
 */
declare module '@oncall-bench/engine' {
  export type MediaPhase = 'starting' | 'connecting' | 'connected' | 'failed' | 'closed';
  export interface EngineOptions {
    callId: string;
    initiator: boolean;
    iceServers: { urls: string | string[]; username?: string; credential?: string }[];
    inputDeviceId: string | null;
    outputDeviceId: string | null;
    sendSignal(data: never): void;
    onPhase(phase: MediaPhase, detail?: string): void;
    connectTimeoutMs?: number;
  }
  export class CallEngine {
    constructor(opts: EngineOptions);
    start(): Promise<void>;
    signal(data: object): void;
    stats(): Promise<{ bytesReceived: number } | null>;
    stop(): void;
    readonly currentPhase: MediaPhase;
  }
}

declare module '@oncall-bench/stats' {
  export function readAudioStats(pc: RTCPeerConnection): Promise<{ bytesReceived: number }>;
}

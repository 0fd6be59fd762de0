/**
 * The slice of simple-peer 9 the call engine uses, typed against the DOM only (the published
 * @types/simple-peer pulls in Node's typings, which the renderer must not see).
 */
declare module 'simple-peer' {
  export interface SimplePeerOptions {
    initiator?: boolean;
    config?: RTCConfiguration;
    stream?: MediaStream;
    trickle?: boolean;
  }
  export interface SimplePeerSignal {
    type: string;
    [key: string]: unknown;
  }
  export interface SimplePeerInstance {
    readonly connected: boolean;
    readonly destroyed: boolean;
    /** simple-peer's private RTCPeerConnection; read for getStats only. */
    readonly _pc: RTCPeerConnection;
    signal(data: SimplePeerSignal): void;
    destroy(err?: Error): void;
    on(event: 'signal', cb: (data: SimplePeerSignal) => void): this;
    on(event: 'stream', cb: (stream: MediaStream) => void): this;
    on(event: 'connect' | 'close', cb: () => void): this;
    on(event: 'error', cb: (err: Error & { code?: string }) => void): this;
  }
  const SimplePeer: {
    new (opts?: SimplePeerOptions): SimplePeerInstance;
    readonly WEBRTC_SUPPORT: boolean;
  };
  export default SimplePeer;
}

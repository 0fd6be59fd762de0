import { io, type Socket } from 'socket.io-client';
import {
  ACK_TIMEOUT_MS,
  type Ack,
  type ClientToServerEvents,
  type ErrorCode,
  type ServerToClientEvents,
  type SessionReady,
} from '../../signaling/protocol.js';

/**
 * The one place that owns the socket.io connection: connect with the session token, reconnect
 * (socket.io's own back-off, the token re-sent on every attempt), typed requests with an ack
 * time-out, and server-event listeners that survive socket replacement.
 */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ServerToClientEvents;
type Handler<E extends EventName> = ServerToClientEvents[E];
export type AckData<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]>[1] extends (res: Ack<infer T>) => void ? T : never;

/** A failed request: the server's error code, or `timeout` / `disconnected` on our side. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode | 'timeout' | 'disconnected',
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
  /** Worth trying again later (after a reconnect); the others will fail the same way again. */
  get transient(): boolean {
    return this.code === 'timeout' || this.code === 'disconnected' || this.code === 'internal' || this.code === 'rate_limited';
  }
}

export interface ConnectionHooks {
  onReady(ready: SessionReady): void;
  /** Connected but not yet ready, or lost: the UI says "reconnecting". */
  onDown(reason: string): void;
  /** The token was refused: sign in again. */
  onUnauthorized(): void;
}

let socket: ClientSocket | null = null;
const listeners = new Map<EventName, Set<(...args: never[]) => void>>();

function attach(s: ClientSocket, event: EventName, fn: (...args: never[]) => void): void {
  (s.on as (ev: string, f: (...args: never[]) => void) => void).call(s, event, fn);
}

export function connect(url: string, token: string, hooks: ConnectionHooks): void {
  disconnect();
  const s: ClientSocket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  socket = s;
  for (const [event, fns] of listeners) for (const fn of fns) attach(s, event, fn);
  s.on('session:ready', (ready) => hooks.onReady(ready));
  s.on('disconnect', (reason) => {
    hooks.onDown(reason);
    // The server closed us on purpose (e.g. session ended): socket.io will not retry by itself.
    if (reason === 'io server disconnect' && socket === s) s.connect();
  });
  s.on('connect_error', (err) => {
    if (err.message === 'unauthorized') {
      disconnect();
      hooks.onUnauthorized();
    } else {
      hooks.onDown(err.message);
    }
  });
}

export function disconnect(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = null;
}

export function isConnected(): boolean {
  return socket?.connected ?? false;
}

/** Subscribes to a server event on the current and every future socket; returns an unsubscribe. */
export function listen<E extends EventName>(event: E, handler: Handler<E>): () => void {
  const fn = handler as unknown as (...args: never[]) => void;
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(fn);
  if (socket) attach(socket, event, fn);
  return () => {
    set.delete(fn);
    (socket?.off as ((ev: string, f: (...args: never[]) => void) => void) | undefined)?.call(socket, event, fn);
  };
}

/**
 * Sends a request and resolves with the acknowledged data; rejects with RequestError on an error
 * ack, no ack within ACK_TIMEOUT_MS, or no connection. Nothing is buffered while offline: a stale
 * accept or hang-up replayed after a reconnect would do harm, and outcomes have their own outbox.
 */
export function request<E extends keyof ClientToServerEvents>(
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<AckData<E>> {
  const s = socket;
  if (!s?.connected) return Promise.reject(new RequestError('disconnected', 'Not connected to the server'));
  return new Promise((resolve, reject) => {
    const timed = s.timeout(timeoutMs);
    const emit = timed.emit as unknown as (ev: string, p: unknown, cb: (err: Error | null, res: Ack<AckData<E>>) => void) => void;
    emit.call(timed, event, payload, (err, res) => {
      if (err) reject(new RequestError('timeout', 'The server did not answer in time'));
      else if (res.ok) resolve(res.data);
      else reject(new RequestError(res.error.code, res.error.message, res.error.issues));
    });
  });
}

import { io, type Socket } from 'socket.io-client';
import {
  ACK_TIMEOUT_MS,
  API,
  type Ack,
  type ClientToServerEvents,
  type HttpErrorBody,
  type ServerToClientEvents,
  type SessionReady,
  type SignInResponse,
} from '../../signaling/protocol.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: HttpErrorBody | undefined,
  ) {
    super(`HTTP ${status}: ${body?.error.code ?? ''} ${body?.error.message ?? ''}`.trim());
  }
}

/** Signs in through the real HTTP API; throws HttpError (with the server's error body) on failure. */
export async function signIn(url: string, username: string, password: string): Promise<SignInResponse> {
  const res = await fetch(url + API.signIn, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) throw new HttpError(res.status, body as HttpErrorBody | undefined);
  return body as SignInResponse;
}

export type QueueSnapshot = Parameters<ServerToClientEvents['queue:snapshot']>[0];

/**
 * Connects a typed socket with the token; resolves once `session:ready` arrives. The server sends
 * specialists a `queue:snapshot` right after it (often in the same tick), so every snapshot from
 * the start is also collected in `snapshots` (latest last).
 */
export function connectClient(
  url: string,
  token: string,
  opts: { timeoutMs?: number; reconnection?: boolean } = {},
): Promise<{ socket: ClientSocket; ready: SessionReady; snapshots: QueueSnapshot[] }> {
  const socket: ClientSocket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: opts.reconnection ?? false,
    forceNew: true,
  });
  const snapshots: QueueSnapshot[] = [];
  socket.on('queue:snapshot', (s) => snapshots.push(s));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('connectClient: no session:ready in time'));
    }, opts.timeoutMs ?? 5000);
    socket.once('session:ready', (ready) => {
      clearTimeout(timer);
      socket.off('connect_error');
      resolve({ socket, ready, snapshots });
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
  });
}

/** Signs in and connects in one go. */
export async function signInAndConnect(url: string, username: string, password = 'oncall-demo') {
  const session = await signIn(url, username, password);
  const { socket, ready, snapshots } = await connectClient(url, session.token);
  return { socket, ready, snapshots, session };
}

type AckData<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]>[1] extends (res: Ack<infer T>) => void ? T : never;

/** Emits a request and resolves with its acknowledgement (never rejects on an error ack; times out). */
export function request<E extends keyof ClientToServerEvents>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<Ack<AckData<E>>> {
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(timeoutMs);
    const emit = timed.emit as unknown as (
      ev: string,
      p: unknown,
      cb: (err: Error | null, res: Ack<AckData<E>>) => void,
    ) => void;
    emit.call(timed, event, payload, (err, res) => {
      if (err) reject(new Error(`request ${event}: no acknowledgement within ${timeoutMs} ms`));
      else resolve(res);
    });
  });
}

/** Like request() but throws on an error ack and returns the data. */
export async function requestOk<E extends keyof ClientToServerEvents>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<AckData<E>> {
  const res = await request(socket, event, payload, timeoutMs);
  if (!res.ok) throw new Error(`${event} failed: ${res.error.code} ${res.error.message}`);
  return res.data;
}

type EventArg<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Resolves with the next `event` whose payload satisfies `predicate`. */
export function waitForEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  predicate: (payload: EventArg<E>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<EventArg<E>> {
  return new Promise((resolve, reject) => {
    const on = socket.on.bind(socket) as unknown as (ev: string, fn: (p: EventArg<E>) => void) => void;
    const off = socket.off.bind(socket) as unknown as (ev: string, fn: (p: EventArg<E>) => void) => void;
    const handler = (payload: EventArg<E>) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off(event, handler);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      off(event, handler);
      reject(new Error(`waitForEvent ${event}: not received within ${timeoutMs} ms`));
    }, timeoutMs);
    on(event, handler);
  });
}

/** Collects every `event` from now on (for asserting that something was NOT delivered). */
export function collectEvents<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E): EventArg<E>[] {
  const seen: EventArg<E>[] = [];
  (socket.on.bind(socket) as unknown as (ev: string, fn: (p: EventArg<E>) => void) => void)(event, (p) => seen.push(p));
  return seen;
}

export const DEMO_PASSWORD = 'oncall-demo';

/** Polls `check` until it returns a truthy value (resolved with it) or the time-out passes. */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`eventually: ${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

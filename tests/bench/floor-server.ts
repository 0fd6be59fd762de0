import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

/**
 * The floor: a bare socket.io server that only forwards a message from one socket to others.
 * No database, no schema, no routing: whatever OnCall adds on top of socket.io shows up as the
 * gap between its latencies and these. Clients connect with `auth: { id }` and join a room of
 * that id; `fwd { to: ids[], ev, data }` re-emits `ev(data)` to those rooms and acknowledges.
 * One `fwd` may carry a list of such messages (an answer tells the caller and stops the others'
 * ringing, as OnCall's one accept does): they go out in order, then one acknowledgement.
 * Same socket.io options as the OnCall server where they matter (websocket, buffer limit, CORS).
 */

export interface FloorMessage {
  to: string[];
  ev: string;
  data: unknown;
}

export interface FloorServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_MESSAGES = 8;
const isFloorMessage = (m: unknown): m is FloorMessage => {
  if (typeof m !== 'object' || m === null) return false;
  const { to, ev } = m as Partial<FloorMessage>;
  return Array.isArray(to) && to.length <= 1000 && to.every((id) => typeof id === 'string' && ID.test(id)) && typeof ev === 'string' && ID.test(ev);
};
/** The messages of one `fwd`, or null if any is malformed (then none is forwarded). */
const floorMessages = (m: unknown): FloorMessage[] | null => {
  const list = Array.isArray(m) ? (m as unknown[]) : [m];
  return list.length >= 1 && list.length <= MAX_MESSAGES && list.every(isFloorMessage) ? list : null;
};

export async function startFloorServer(opts: { port?: number; host?: string } = {}): Promise<FloorServer> {
  const http = createServer();
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 256 * 1024, cors: { origin: true, credentials: false } });
  io.use((socket, next) => {
    const id = (socket.handshake.auth as { id?: unknown }).id;
    if (typeof id !== 'string' || !ID.test(id)) return next(new Error('unauthorized'));
    socket.data = { id };
    next();
  });
  io.on('connection', (socket) => {
    void socket.join((socket.data as { id: string }).id);
    socket.emit('ready', {});
    socket.on('fwd', (msg: unknown, ack?: unknown) => {
      const messages = floorMessages(msg);
      for (const m of messages ?? []) if (m.to.length) (io.to(m.to).emit as (ev: string, d: unknown) => boolean)(m.ev, m.data);
      if (typeof ack === 'function') (ack as (r: { ok: boolean }) => void)({ ok: messages !== null });
    });
  });
  // Running out of file descriptors is reported, never a crash.
  http.on('error', (err) => console.error('floor server:', err.message));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

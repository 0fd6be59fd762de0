import { io, type Socket } from 'socket.io-client';
import type { CallView, QueueItem, SignalData } from '../../../signaling/protocol.js';
import { tagOf, type DriverHooks, type WorkerClient } from './driver.js';

/**
 * What both drivers do with their clients' sockets: connect one, wire its rings, connections and
 * signals to the loop's hooks, count every event received, and close them all. Subclasses say how a
 * client authenticates and which event means the server has it ready.
 */
export abstract class SocketDriver {
  protected readonly sockets = new Map<string, Socket>();
  /** Events received, by name. */
  private readonly events = new Map<string, number>();

  protected abstract readonly readyEvent: string;
  protected abstract auth(c: WorkerClient): Record<string, string>;

  constructor(
    private readonly url: string,
    private readonly hooks: DriverHooks,
  ) {}

  connect(c: WorkerClient, timeoutMs: number): Promise<void> {
    const socket = io(this.url, { auth: this.auth(c), transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
    socket.onAny((name: string) => this.events.set(name, (this.events.get(name) ?? 0) + 1));
    socket.on('call:signal', (e: { callId: string; data: SignalData }) => this.hooks.onSignal(c.userId, e.callId, e.data));
    if (c.role === 'specialist') {
      socket.on('call:ring', (item: QueueItem) => {
        const tag = tagOf(item.question);
        if (tag !== null) this.hooks.onRing(c.userId, tag, item.callId);
      });
    } else {
      socket.on('call:updated', (call: CallView) => {
        if (call.state === 'connected') this.hooks.onConnected(c.userId, call.id);
      });
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`no ${this.readyEvent} in time`), timeoutMs);
      const fail = (why: string) => {
        clearTimeout(timer);
        socket.close();
        reject(new Error(why));
      };
      socket.once('connect_error', (err) => fail(`connect_error: ${err.message}`));
      socket.once(this.readyEvent, () => {
        clearTimeout(timer);
        socket.off('connect_error');
        this.sockets.set(c.userId, socket);
        socket.once('disconnect', (reason) => {
          this.sockets.delete(c.userId);
          this.hooks.onDisconnect(c.userId, reason);
        });
        resolve();
      });
    });
  }

  eventsReceived(): Record<string, number> {
    return Object.fromEntries(this.events);
  }

  connectedCount(): number {
    return this.sockets.size;
  }

  closeAll(): void {
    for (const s of this.sockets.values()) s.close();
    this.sockets.clear();
  }
}

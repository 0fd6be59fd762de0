import type { Ack, ClientToServerEvents } from '../../signaling/protocol.js';
import { connectClient, request, signIn, type ClientSocket } from './clients.js';

type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type Data<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (res: Ack<infer T>) => void ? T : never;

/**
 * A client that behaves like the apps when its server process goes away: it reconnects to
 * another of the addresses it was given with the same session, and sends an unanswered request
 * again unchanged (requests carry their own ids, so a resend is safe).
 */
export class RoamingClient {
  private socket: ClientSocket | null = null;
  private token = '';

  constructor(
    private readonly username: string,
    private readonly urls: () => string[],
  ) {}

  async connect(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      for (const url of this.urls()) {
        try {
          this.token ||= (await signIn(url, this.username, 'oncall-demo')).token;
          this.socket = (await connectClient(url, this.token, { timeoutMs: 10_000 })).socket;
          return;
        } catch {
          // that process is going or gone: the next
        }
      }
      if (attempt > 20) throw new Error(`${this.username}: no server process took the connection`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The request's data; an error reply other than `internal` (the engine moving) is thrown as is. */
  async ask<E extends keyof ClientToServerEvents>(event: E, payload: Payload<E>): Promise<Data<E>> {
    for (let attempt = 0; attempt < 30; attempt++) {
      if (!this.socket?.connected) await this.connect();
      const res = await request(this.socket!, event, payload).catch(() => null);
      if (res?.ok) return res.data as Data<E>;
      if (res && res.error.code !== 'internal') throw new Error(`${event}: ${res.error.code} ${res.error.message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${this.username}: ${event} never answered`);
  }

  close(): void {
    this.socket?.close();
  }
}

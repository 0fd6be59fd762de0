import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { Ack, ClientEventName } from '../protocol.js';
import { AdminChange, SocketRef, type Engine } from '../realtime/engine.js';
import { isClientEvent } from '../realtime/handle.js';
import type { OnCallIo } from '../realtime/io.js';

const EngineMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connected'), ref: SocketRef }),
  z.object({ kind: z.literal('disconnected'), ref: SocketRef }),
  z.object({ kind: z.literal('event'), ref: SocketRef, event: z.string().max(80).refine(isClientEvent, 'not a client event'), payload: z.unknown() }),
  z.object({ kind: z.literal('admin'), change: AdminChange }),
]);
type EngineMessage = z.infer<typeof EngineMessage>;
const Request = z.object({ id: z.string().max(64), from: z.string().max(64), message: EngineMessage });
const Reply = z.object({ id: z.string().max(64), to: z.string().max(64), reply: z.unknown() });

/**
 * How long a process waits for the engine (across a takeover, which recovers every open call
 * first) before telling the client to try again: within the client's acknowledgement time for its
 * events; longer for a new connection, whose client just waits for session:ready.
 */
const WAIT_MS = { event: 7000, other: 30_000 } as const;
/** A request not answered by then is sent again: the engine may have moved to another process meanwhile. */
const RESEND_MS = 500;
/** The engine answers a resent request from memory for this long instead of doing it twice. */
const REMEMBER_MS = 30_000;
const UNAVAILABLE: Ack<never> = {
  ok: false,
  error: { code: 'internal', message: 'The call service is moving to another server. Please try again in a moment.' },
};

/**
 * The engine as every server process sees it. Where this process holds the engine lease, the
 * local engine; elsewhere each request goes to the holder through socket.io's adapter
 * (serverSideEmit), with an id, and its reply comes back the same way addressed to this process.
 * Requests are resent while unanswered, so one made as the engine moves still lands; the engine
 * remembers recent ids, so a resend is answered, not done again.
 */
export class ClusterEngine implements Engine {
  private readonly self = randomUUID();
  private readonly waiting = new Map<string, (reply: unknown) => void>();
  private readonly remembered = new Map<string, Promise<unknown>>();

  constructor(
    private readonly io: OnCallIo,
    /** This process's engine while it holds the lease, else null. */
    private readonly local: () => Engine | null,
    private readonly log: Logger,
  ) {
    io.on('oncall:engine', (raw) => this.serve(raw));
    io.on('oncall:engine-reply', (raw) => {
      const parsed = Reply.safeParse(raw);
      if (parsed.success && parsed.data.to === this.self) this.waiting.get(parsed.data.id)?.(parsed.data.reply);
    });
  }

  async connected(ref: SocketRef): Promise<void> {
    const local = this.local();
    if (local) return local.connected(ref);
    if ((await this.ask({ kind: 'connected', ref })) === undefined) throw new Error('the call engine did not answer');
  }

  async disconnected(ref: SocketRef): Promise<void> {
    const local = this.local();
    if (local) return local.disconnected(ref);
    await this.ask({ kind: 'disconnected', ref });
  }

  async event(ref: SocketRef, event: ClientEventName, payload: unknown): Promise<Ack<unknown>> {
    const local = this.local();
    if (local) return local.event(ref, event, payload);
    const reply = await this.ask({ kind: 'event', ref, event, payload });
    return reply === undefined ? UNAVAILABLE : (reply as Ack<unknown>);
  }

  async admin(change: AdminChange): Promise<void> {
    const local = this.local();
    if (local) return local.admin(change);
    if ((await this.ask({ kind: 'admin', change })) === undefined) throw new Error('the call engine did not answer');
  }

  /** The engine holder's reply, or undefined when no process answered in time (WAIT_MS). */
  private ask(message: EngineMessage): Promise<unknown> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const send = () => {
        // This process may have taken the engine over while waiting: no other process would answer.
        const local = this.local();
        if (local) {
          return void this.run(local, message).then((reply) => done(reply ?? null), (err: unknown) => {
            this.log.error({ err, kind: message.kind }, 'engine request failed');
            done(undefined);
          });
        }
        this.io.serverSideEmit('oncall:engine', { id, from: this.self, message });
      };
      const resend = setInterval(send, RESEND_MS);
      const done = (reply: unknown) => {
        clearInterval(resend);
        clearTimeout(giveUp);
        this.waiting.delete(id);
        resolve(reply);
      };
      const giveUp = setTimeout(() => {
        this.log.warn({ kind: message.kind }, 'no process answered for the call engine');
        done(undefined);
      }, message.kind === 'event' ? WAIT_MS.event : WAIT_MS.other);
      this.waiting.set(id, (reply) => done(reply ?? null));
      send();
    });
  }

  /** A request from another process: answered only by the lease holder. */
  private serve(raw: unknown): void {
    const engine = this.local();
    if (!engine) return;
    const parsed = Request.safeParse(raw);
    if (!parsed.success) {
      this.log.warn({ issues: parsed.error.issues.slice(0, 3) }, 'malformed engine request from another server process ignored');
      return;
    }
    const { id, from, message } = parsed.data;
    let reply = this.remembered.get(id);
    if (!reply) {
      reply = this.run(engine, message);
      this.remembered.set(id, reply);
      setTimeout(() => this.remembered.delete(id), REMEMBER_MS).unref();
    }
    reply.then(
      (value) => this.io.serverSideEmit('oncall:engine-reply', { id, to: from, reply: value ?? null }),
      (err: unknown) => this.log.error({ err, kind: message.kind }, 'engine request from another process failed'),
    );
  }

  private async run(engine: Engine, m: EngineMessage): Promise<unknown> {
    switch (m.kind) {
      case 'connected':
        return engine.connected(m.ref);
      case 'disconnected':
        return engine.disconnected(m.ref);
      case 'event':
        return engine.event(m.ref, m.event as ClientEventName, m.payload);
      case 'admin':
        return engine.admin(m.change);
    }
  }
}

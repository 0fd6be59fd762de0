import pg from 'pg';
import type { Logger } from '../log.js';

/**
 * The engine lease: a PostgreSQL session-level advisory lock, one per database and schema, held
 * on a connection of its own. Exactly one server process holds it and runs the call engine. When
 * that process dies (even by kill -9) PostgreSQL drops its connection and with it the lock, and
 * the next process to try takes it; when PostgreSQL restarts, the holder notices its connection
 * is gone, stops its engine and tries again like everyone else.
 */
export class EngineLease {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private held = false;
  private stopped = false;
  private busy = false;

  constructor(
    private readonly url: string,
    private readonly opts: { retryMs: number; log: Logger; onAcquired: () => Promise<void>; onLost: () => void },
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  /** Tries once now (so a lone process starts as the holder), then every retryMs. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.retryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const client = this.client;
    this.client = null;
    this.held = false;
    await client?.end().catch(() => undefined); // ending the session releases the lock
  }

  /** Holder: checks the lease's connection is alive. Others: try to take the lease. */
  private async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      if (this.held) {
        await this.client!.query('SELECT 1');
        return;
      }
      this.client ??= await this.connect();
      const { rows } = await this.client.query<{ got: boolean }>(
        `SELECT pg_try_advisory_lock(hashtext('oncall-engine:' || current_database() || '.' || current_schema())) AS got`,
      );
      if (!rows[0]?.got || this.stopped) return;
      this.held = true;
      this.opts.log.info('engine lease taken: this process runs the call engine');
      await this.opts.onAcquired();
    } catch (err) {
      this.opts.log.warn({ err }, 'engine lease: PostgreSQL did not answer; trying again');
      this.drop();
    } finally {
      this.busy = false;
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: this.opts.retryMs * 4 });
    client.on('error', (err) => {
      this.opts.log.warn({ err }, 'engine lease connection lost');
      this.drop();
    });
    await client.connect();
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = null;
    void client?.end().catch(() => undefined);
    if (!this.held) return;
    this.held = false;
    this.opts.log.warn('engine lease lost: this process stops its call engine');
    this.opts.onLost();
  }
}

/**
 * Load-generator child process: holds thousands of real socket.io clients of ONE server (OnCall
 * or the floor) and runs paced call phases on them. Forked by the harness; commands over IPC.
 */
import { performance } from 'node:perf_hooks';
import { serve } from '../ipc.js';
import { CallLoop, type CallPhaseArgs, type CallPhaseResult } from './call-loop.js';
import type { Driver, WorkerClient } from './driver.js';
import { FloorDriver } from './floor-driver.js';
import { OnCallDriver } from './oncall-driver.js';

export interface ConnectResult {
  connected: number;
  failed: number;
  /** Failure reasons with counts. */
  errors: Record<string, number>;
  ms: number;
}

let driver: Driver | null = null;
let loop: CallLoop | null = null;

const ready = () => {
  if (!driver || !loop) throw new Error('init first');
  return { driver, loop };
};

const handlers = {
  init(a: { target: 'oncall' | 'floor'; url: string; index: number }): void {
    loop = new CallLoop(a.index);
    driver = a.target === 'oncall' ? new OnCallDriver(a.url, loop) : new FloorDriver(a.url, loop);
    loop.driver = driver;
  },

  /** Connects clients with at most `concurrency` handshakes in flight. */
  async connect(a: { clients: WorkerClient[]; concurrency: number; timeoutMs: number }): Promise<ConnectResult> {
    const { driver, loop } = ready();
    const started = performance.now();
    const errors: Record<string, number> = {};
    const ok: WorkerClient[] = [];
    let next = 0;
    const lane = async () => {
      while (next < a.clients.length) {
        const c = a.clients[next++]!;
        try {
          await driver.connect(c, a.timeoutMs);
          ok.push(c);
        } catch (err) {
          const why = err instanceof Error ? err.message : String(err);
          errors[why] = (errors[why] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, a.concurrency) }, lane));
    loop.addClients(ok);
    return { connected: ok.length, failed: a.clients.length - ok.length, errors, ms: performance.now() - started };
  },

  calls(a: CallPhaseArgs): Promise<CallPhaseResult> {
    return ready().loop.run(a);
  },

  count(): number {
    return driver?.connectedCount() ?? 0;
  },

  close(): void {
    driver?.closeAll();
    setTimeout(() => process.exit(0), 50);
  },
};

export type WorkerCommands = typeof handlers;
serve(handlers);

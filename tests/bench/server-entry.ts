/**
 * Child process holding ONE server (OnCall or the floor), so its memory and CPU are measured
 * alone. Forked by the harness (servers.ts); answers start / sample / gc / close over IPC.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { startFloorServer } from './floor-server.js';
import { serve } from './ipc.js';

export interface ServerStartArgs {
  kind: 'oncall' | 'floor';
  /** OnCall only: the prepared SQLite folder. */
  dataDir?: string;
  corsOrigins?: string[];
  logLevel?: string;
  /** OnCall only: another copy of signaling/server.ts to run instead (before/after comparisons). */
  serverModule?: string;
}

type StartServer = (typeof import('../../signaling/server.js'))['startServer'];

/** What the server process says about itself; RSS and open files are read by the parent (procfs.ts). */
export interface SelfSample {
  heapUsed: number;
  /** process.cpuUsage() user + system, microseconds since start. */
  cpuUs: number;
  /** Event-loop utilisation (0..1) since the previous sample. */
  elu: number;
  /** Garbage-collection pauses since start: how many, and their total in ms. */
  gcCount: number;
  gcMs: number;
  /** The longest single GC pause and the longest event-loop stall (ms) since the previous sample. */
  gcMaxMs: number;
  loopDelayMaxMs: number;
  at: number;
}

let running: { close(): Promise<void> } | null = null;
export type ProfileKind = 'cpu' | 'heap';
let profiler: { session: Session; kinds: ProfileKind[] } | null = null;
let lastElu = performance.eventLoopUtilization();

// Where a latency tail comes from: GC pauses and event-loop stalls, measured inside the server.
const gc = { count: 0, ms: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.ms += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();

const handlers = {
  async start(a: ServerStartArgs): Promise<{ url: string; pid: number }> {
    if (running) throw new Error('already started');
    const startServer = a.kind === 'oncall' ? ((await import(a.serverModule ?? '../../signaling/server.js')) as { startServer: StartServer }).startServer : null;
    const server =
      !startServer
        ? await startFloorServer()
        : await startServer({ dataDir: a.dataDir!, port: 0, host: '127.0.0.1', seedDemo: false, logLevel: a.logLevel ?? 'error', corsOrigins: a.corsOrigins ?? [] });
    running = server;
    return { url: server.url, pid: process.pid };
  },
  /** Nothing here may open a file: at the open-files limit that would fail (EMFILE). */
  sample(): SelfSample {
    const cpu = process.cpuUsage();
    const elu = performance.eventLoopUtilization(lastElu);
    lastElu = performance.eventLoopUtilization();
    const sample = {
      heapUsed: getHeapStatistics().used_heap_size,
      cpuUs: cpu.user + cpu.system,
      elu: elu.utilization,
      gcCount: gc.count,
      gcMs: gc.ms,
      gcMaxMs: gc.maxMs,
      loopDelayMaxMs: loopDelay.max / 1e6,
      at: Date.now(),
    };
    gc.maxMs = 0;
    loopDelay.reset();
    return sample;
  },
  gc(): void {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('start the server process with --expose-gc');
    gc();
    gc();
  },
  /**
   * Profiles the call phases only (not the connection ramp): 'cpu' samples the stack every 250 µs
   * (V8's CPU profiler, as node --cpu-prof), 'heap' samples every allocation, kept or not (V8's
   * sampling heap profiler with collected objects included): where a server's garbage, and so its
   * scavenge pauses, come from.
   */
  async profileStart(kinds: ProfileKind[]): Promise<void> {
    if (profiler) throw new Error('already profiling');
    profiler = { session: new Session(), kinds };
    profiler.session.connect();
    if (kinds.includes('heap')) {
      await profiler.session.post('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    }
    if (kinds.includes('cpu')) {
      await profiler.session.post('Profiler.enable');
      await profiler.session.post('Profiler.setSamplingInterval', { interval: 250 });
      await profiler.session.post('Profiler.start');
    }
  },
  /** Writes FILE_PREFIX.cpuprofile and/or FILE_PREFIX.heapprofile; returns the files written. */
  async profileStop(filePrefix: string): Promise<string[]> {
    if (!profiler) throw new Error('not profiling');
    const { session, kinds } = profiler;
    profiler = null;
    const files: string[] = [];
    if (kinds.includes('cpu')) {
      const { profile } = await session.post('Profiler.stop');
      files.push(`${filePrefix}.cpuprofile`);
      writeFileSync(files.at(-1)!, JSON.stringify(profile));
    }
    if (kinds.includes('heap')) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      files.push(`${filePrefix}.heapprofile`);
      writeFileSync(files.at(-1)!, JSON.stringify(profile));
    }
    session.disconnect();
    return files;
  },
  async close(): Promise<void> {
    const s = running;
    running = null;
    await Promise.race([s?.close(), new Promise((r) => setTimeout(r, 5000))]);
    // Exit just after the reply is sent.
    setTimeout(() => process.exit(0), 50);
  },
};

export type ServerCommands = typeof handlers;
serve(handlers);

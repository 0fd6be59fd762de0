/**
 * The whole bench run (called by run.ts once the open-files limit is raised): seed, start both
 * servers and their load generators, capacity steps + call phases, the media phase, then the
 * table on stdout, progress on stderr, JSON in the results folder.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchConfig } from './config.js';
import { openFilesLimit } from './fd-limit.js';
import { Fleet } from './fleet.js';
import { formatTable, type BenchResults } from './report.js';
import { runMediaPhase, type MediaResults } from './scenarios/media.js';
import { runServerPhases } from './scenarios/server-phases.js';
import { prepareStore, seedBenchPopulation, type PrepareStore } from './seed.js';

/**
 * How the server under test creates its SQLite store: another tree's (`--server=`) has its own
 * migrations, and may be from before the async data layer (db/database.ts, no db/open.ts).
 */
async function prepareStoreOf(serverModule: string | undefined): Promise<PrepareStore> {
  if (!serverModule) return prepareStore;
  const dbDir = join(dirname(serverModule), 'db');
  if (existsSync(join(dbDir, 'open.ts'))) {
    const { openData } = (await import(pathToFileURL(join(dbDir, 'open.ts')).href)) as typeof import('../../signaling/db/open.js');
    return async (dataDir) => (await openData({ dataDir })).data.close();
  }
  const { openDatabase } = (await import(pathToFileURL(join(dbDir, 'database.ts')).href)) as { openDatabase(dir: string): { db: { close(): void } } };
  return async (dataDir) => openDatabase(dataDir).db.close();
}

const started = Date.now();
export const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);

export async function runBench(cfg: BenchConfig): Promise<void> {
  const resultsDir = resolve(cfg.resultsDir);
  mkdirSync(resultsDir, { recursive: true });
  const fleets: Fleet[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'oncall-bench-'));
  const abort = (why: string, code: number) => {
    log(why);
    for (const f of fleets) f.kill();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  setTimeout(() => abort(`watchdog: the run passed ${cfg.watchdogMs / 1000} s; stopping everything`, 3), cfg.watchdogMs).unref();
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  try {
    const users = Math.max(...cfg.steps);
    log(`seeding ${users} users over ${cfg.lines} lines, ${cfg.historyPerLine * cfg.lines} past calls, in ${dataDir}…`);
    const population = await seedBenchPopulation(
      dataDir,
      { users, lines: cfg.lines, specialistEvery: cfg.specialistEvery, historyPerLine: cfg.historyPerLine },
      await prepareStoreOf(cfg.serverModule),
    );
    const [oncall, floor] = await Promise.all([
      Fleet.start({ kind: 'oncall', dataDir, logLevel: 'error', serverModule: cfg.serverModule }, cfg.workersPerServer, cfg.serverNodeArgs),
      Fleet.start({ kind: 'floor' }, cfg.workersPerServer, cfg.serverNodeArgs),
    ]);
    fleets.push(oncall, floor);
    log(`OnCall server pid ${oncall.pid} at ${oncall.url}; floor pid ${floor.pid} at ${floor.url}`);
    const server = await runServerPhases(cfg, population, { oncall, floor }, log);
    await Promise.all(fleets.splice(0).map((f) => f.close()));
    log('servers and load generators stopped');

    let media: MediaResults | null = null;
    if (cfg.media) {
      media = await runMediaPhase(cfg, log).catch((err: unknown) => {
        log(`media phase failed: ${err instanceof Error ? err.stack : String(err)}`);
        const none = { count: 0, p50: null, p95: null, p99: null, max: null };
        return { calls: 0, how: '', oncall: none, bare: none, samples: { oncall: [], bare: [] }, failures: [], error: err instanceof Error ? err.message : String(err) };
      });
    }

    const results: BenchResults = {
      meta: {
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        mode: cfg.mode,
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        fdLimit: openFilesLimit(),
      },
      config: cfg,
      server,
      media,
    };
    const table = formatTable(results);
    process.stdout.write(`\n${table}\n`);
    const json = JSON.stringify({ ...results, table: table.split('\n') }, null, 2);
    const file = join(resultsDir, `bench-${cfg.mode}-${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, json);
    writeFileSync(join(resultsDir, `latest-${cfg.mode}.json`), json);
    log(`results written to ${file}`);
  } finally {
    for (const f of fleets) f.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}

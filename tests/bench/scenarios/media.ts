import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium.js';
import { signIn } from '../../support/clients.js';
import type { BenchConfig } from '../config.js';
import { startServerProcess } from '../fleet.js';
import { buildMediaPage } from '../media/build.js';
import type { MediaBenchPage } from '../media/page.js';
import { serveStatic } from '../media/static-server.js';
import { BENCH_PASSWORD, seedBenchPopulation } from '../seed.js';
import { summarize, type Summary } from '../stats.js';

export interface MediaResults {
  calls: number;
  how: string;
  oncall: Summary;
  bare: Summary;
  samples: { oncall: number[]; bare: number[] };
  failures: string[];
  error?: string;
}

const HOW =
  "Debian Chromium, one page holding both parties (one clock): OnCall = two real clients of a fresh OnCall server (signed in through " +
  'POST /api/auth/signin) with media through the renderer call engine (renderer/call/engine.ts), timed from the caller\'s call:request ' +
  'emit to the first inbound-rtp audio bytes at the specialist (accept is automatic on ring); floor = a bare simple-peer pair signalled ' +
  'through the bare relay with the same ring/accept steps. One untimed warm-up call each; OnCall and floor calls alternate.';
const CALL_TIMEOUT_MS = 20_000;

/** Media set-up time, OnCall vs the bare pair, in Debian's Chromium with fake media devices. */
export async function runMediaPhase(cfg: BenchConfig, log: (l: string) => void): Promise<MediaResults> {
  const pageDir = join(resolve(cfg.resultsDir), 'media-page');
  await buildMediaPage(pageDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'oncall-bench-media-'));
  const cleanup: (() => Promise<unknown>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  try {
    const page = await serveStatic(pageDir);
    cleanup.push(page.close);
    const [specialist, caller] = await seedBenchPopulation(dataDir, { users: 2, lines: 1, specialistEvery: 2, sessions: false });
    const oncall = await startServerProcess({ kind: 'oncall', dataDir, corsOrigins: [page.origin], serverModule: cfg.serverModule });
    cleanup.push(() => oncall.server.stop());
    const floor = await startServerProcess({ kind: 'floor' });
    cleanup.push(() => floor.server.stop());
    const [callerSession, specialistSession] = await Promise.all([
      signIn(oncall.url, caller!.username, BENCH_PASSWORD),
      signIn(oncall.url, specialist!.username, BENCH_PASSWORD),
    ]);

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    cleanup.push(() => browser.close());
    const context = await browser.newContext({ permissions: ['microphone'] });
    const tab = await context.newPage();
    const pageErrors: string[] = [];
    tab.on('pageerror', (e) => pageErrors.push(e.message));
    await tab.goto(`${page.origin}/index.html`);
    await tab.waitForFunction(() => 'benchMedia' in window, undefined, { timeout: 15_000 });
    const setup = { url: oncall.url, lineId: specialist!.lineId, callerToken: callerSession.token, specialistToken: specialistSession.token };
    await tab.evaluate(([s, floorUrl]) => (window as unknown as BenchWindow).benchMedia.open(s, floorUrl), [setup, floor.url] as const);

    const samples = { oncall: [] as number[], bare: [] as number[] };
    const failures: string[] = [];
    const one = async (kind: 'oncall' | 'bare', keep: boolean) => {
      try {
        const ms = await tab.evaluate(([k, t]) => {
          const b = (window as unknown as BenchWindow).benchMedia;
          return k === 'oncall' ? b.oncallCall(t) : b.bareCall(t);
        }, [kind, CALL_TIMEOUT_MS] as const);
        if (keep) samples[kind].push(ms);
      } catch (err) {
        failures.push(`${kind}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
    };
    log(`media: ${cfg.mediaCalls} calls each (OnCall engine vs bare simple-peer pair)…`);
    await one('oncall', false);
    await one('bare', false);
    for (let i = 0; i < cfg.mediaCalls; i++) {
      const order = i % 2 === 0 ? (['oncall', 'bare'] as const) : (['bare', 'oncall'] as const);
      for (const kind of order) await one(kind, true);
    }
    await tab.evaluate(() => (window as unknown as BenchWindow).benchMedia.close());
    const oncallS = summarize(samples.oncall);
    const bareS = summarize(samples.bare);
    log(`media: OnCall p50 ${oncallS.p50?.toFixed(0)} ms, bare pair p50 ${bareS.p50?.toFixed(0)} ms${failures.length ? `, failures: ${failures.join('; ')}` : ''}`);
    return { calls: cfg.mediaCalls, how: HOW, oncall: oncallS, bare: bareS, samples, failures: [...failures, ...pageErrors.map((e) => `page error: ${e}`)] };
  } finally {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  }
}

/** The bench page's global (page.evaluate callbacks run in the page, so they read it inline). */
interface BenchWindow {
  benchMedia: MediaBenchPage;
}

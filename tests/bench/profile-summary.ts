/**
 * `npx tsx tests/bench/profile-summary.ts FILE.cpuprofile [--last=SECONDS] [--top=N] [--by-handler]`
 * Reads a V8 CPU profile (node --cpu-prof, written by `npm run bench -- --profile`) and prints
 * the functions with the most self time and the most total (self + callees) time, optionally only
 * over the profile's last SECONDS (e.g. the call phases, not the connection ramp). `--by-handler`
 * prints OnCall's busy time by request handler and kind of work instead (profile-by-handler.ts).
 * Given a FILE.heapprofile (`npm run bench -- --heap-profile`), prints bytes allocated instead.
 */
import { readFileSync } from 'node:fs';
import { busyByHandler, type CpuProfile as Profile, type CpuProfileNode as ProfileNode } from './profile-by-handler.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
if (!file) {
  console.error('usage: profile-summary.ts FILE.cpuprofile [--last=SECONDS] [--top=N] [--by-handler]');
  process.exit(2);
}
const top = Number(opt('top') ?? 25);
const last = opt('last') ? Number(opt('last')) * 1e6 : Infinity;
const parsed = JSON.parse(readFileSync(file, 'utf8')) as Profile | HeapProfile;
if ('head' in parsed) {
  summarizeHeap(parsed);
  process.exit(0);
}
const p = parsed;
if (args.includes('--by-handler')) {
  summarizeByHandler(p);
  process.exit(0);
}

const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
function label(n: Pick<ProfileNode, 'callFrame'>): string {
  const url = n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|signaling|tests)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
}

const self = new Map<string, number>();
const total = new Map<string, number>();
let t = p.startTime;
let counted = 0;
const from = p.endTime - last;
p.samples.forEach((id, i) => {
  t += p.timeDeltas[i] ?? 0;
  if (t < from) return;
  const dt = p.timeDeltas[i + 1] ?? 0;
  counted += dt;
  const leaf = byId.get(id)!;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const l = label(byId.get(n)!);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + dt);
  }
});

const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${(counted / 1000).toFixed(0)} ms sampled)`);
  for (const [l, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((us / counted) * 100).toFixed(1).padStart(5)} %  ${l}`);
  }
};
print('self time', self);
print('total time', total);

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}
interface HeapProfile {
  head: HeapNode;
}

/** Bytes allocated by each function itself, and under it (the profile samples every allocation, kept or not). */
function summarizeHeap(h: HeapProfile): void {
  const selfBytes = new Map<string, number>();
  const totalBytes = new Map<string, number>();
  const walk = (n: HeapNode, stack: Set<string>): number => {
    const l = label(n);
    selfBytes.set(l, (selfBytes.get(l) ?? 0) + n.selfSize);
    const inner = new Set(stack).add(l);
    const sum = n.selfSize + n.children.reduce((s, c) => s + walk(c, inner), 0);
    if (!stack.has(l)) totalBytes.set(l, (totalBytes.get(l) ?? 0) + sum);
    return sum;
  };
  const all = walk(h.head, new Set());
  const show = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (of ${(all / 2 ** 20).toFixed(1)} MiB sampled)`);
    for (const [l, b] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(b / 2 ** 20).toFixed(1).padStart(8)} MiB ${((b / all) * 100).toFixed(1).padStart(5)} %  ${l}`);
    }
  };
  show('allocated by the function itself', selfBytes);
  show('allocated under the function', totalBytes);
}

/** Busy ms by handler, then by kind of leaf, largest first. */
function summarizeByHandler(profile: Profile): void {
  const { busyUs, handlers } = busyByHandler(profile, profile.endTime - last);
  const ms = (us: number) => (us / 1000).toFixed(0).padStart(8);
  console.log(`\nbusy time by handler (of ${ms(busyUs).trim()} ms busy)`);
  const sum = (kinds: Map<string, number>) => [...kinds.values()].reduce((a, b) => a + b, 0);
  for (const [handler, kinds] of [...handlers].sort((a, b) => sum(b[1]) - sum(a[1]))) {
    console.log(`${ms(sum(kinds))} ms  ${handler}`);
    for (const [kind, us] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${ms(us)} ms  ${kind}`);
  }
}

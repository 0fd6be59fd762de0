/**
 * Where a server's busy time goes, event by event: each CPU-profile sample is credited to the
 * outermost OnCall request handler on its stack (a named function of call-service.ts or
 * outcome-service.ts, i.e. their methods, or the publisher's next-turn flush) and sorted by what its
 * leaf is (SQLite, a socket write, zod, …).
 * Idle samples are left out. Used by `profile-summary.ts --by-handler`.
 */

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const OUTSIDE = '(outside handlers)';
export type LeafKind = 'sqlite' | 'socket write' | 'zod' | 'gc' | 'socket.io' | 'oncall js' | 'node' | 'other';

/** Busy microseconds by handler, each split by leaf kind; `fromUs` keeps samples at or after that profile time. */
export function busyByHandler(p: CpuProfile, fromUs = -Infinity): { busyUs: number; handlers: Map<string, Map<LeafKind, number>> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const handlers = new Map<string, Map<LeafKind, number>>();
  let busyUs = 0;
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    const leaf = byId.get(id)!;
    if (t < fromUs || leaf.callFrame.functionName === '(idle)') return;
    const dt = p.timeDeltas[i + 1] ?? 0;
    busyUs += dt;
    let handler = OUTSIDE;
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) handler = handlerOf(byId.get(n)!.callFrame) ?? handler;
    const kinds = handlers.get(handler) ?? handlers.set(handler, new Map()).get(handler)!;
    const kind = leafKind(leaf.callFrame);
    kinds.set(kind, (kinds.get(kind) ?? 0) + dt);
  });
  return { busyUs, handlers };
}

const SERVICE = /\/signaling\/calls\/(call|outcome)-service\.ts$/;

function handlerOf(f: CpuProfileNode['callFrame']): string | null {
  if (SERVICE.test(f.url) && f.functionName && f.functionName !== '(anonymous)') return f.functionName;
  if (f.url.endsWith('/signaling/calls/publisher.ts') && f.functionName === 'flush') return 'publisher flush (next turn)';
  return null;
}

/**
 * Native frames have no url: better-sqlite3's statement methods and libuv's socket writes are told
 * by name, so any other native frame of the same name would be counted with them.
 */
function leafKind(f: CpuProfileNode['callFrame']): LeafKind {
  if (f.functionName === '(garbage collector)') return 'gc';
  if (!f.url && ['get', 'run', 'all', 'iterate', 'exec'].includes(f.functionName)) return 'sqlite';
  if (!f.url && ['writev', 'writeUtf8String', 'writeBuffer'].includes(f.functionName)) return 'socket write';
  if (f.url.includes('/node_modules/zod/')) return 'zod';
  if (/\/node_modules\/(socket\.io[^/]*|engine\.io[^/]*|ws)\//.test(f.url)) return 'socket.io';
  if (f.url.includes('/signaling/')) return 'oncall js';
  if (f.url.startsWith('node:')) return 'node';
  return 'other';
}

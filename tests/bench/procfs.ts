import { readdirSync, readFileSync } from 'node:fs';

/**
 * Another process's resident memory and open files, read from /proc by the harness: a server at
 * its open-files limit cannot open /proc itself (process.memoryUsage() fails there with EMFILE).
 */
export function residentBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function openFiles(pid: number): number | null {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/** Linux reports process and machine CPU times in USER_HZ ticks, 100 per second. */
const TICK_MS = 10;

/** User + system CPU time a process has used, ms. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** The whole machine's busy and total CPU time (all cores), ms. */
export function machineCpuMs(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = ticks.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy * TICK_MS, total: (busy + idle + iowait) * TICK_MS };
}

/**
 * How much of the machine other processes used while the bench ran something: busy time of all
 * cores minus the bench's own processes, as % of the machine. A call phase taken while this is
 * high shares the CPUs with someone else and its latencies are not trustworthy.
 */
export function watchOutsideLoad(pids: readonly number[]): () => number | null {
  const ours = () => pids.reduce((s, pid) => s + (processCpuMs(pid) ?? 0), 0);
  const m0 = machineCpuMs();
  const o0 = ours();
  return () => {
    const m1 = machineCpuMs();
    const total = m1.total - m0.total;
    if (total <= 0) return null;
    return Math.max(0, ((m1.busy - m0.busy - (ours() - o0)) / total) * 100);
  };
}

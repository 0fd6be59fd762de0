import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Raising the open-files limit for the bench's own processes only: the harness re-executes itself
 * through `bash -c 'ulimit -n …; exec …'` (soft limit up to 65536, or the hard limit if that is
 * lower); forked servers and load generators inherit it. The machine's limits are not touched.
 */

const RAISED = 'ONCALL_BENCH_FDS_RAISED';
const WANTED = 65_536;

export function openFilesLimit(): { soft: number; hard: number } {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const [soft, hard] = (line?.match(/\d+|unlimited/g) ?? []).map((v) => (v === 'unlimited' ? Infinity : Number(v)));
  return { soft: soft ?? NaN, hard: hard ?? NaN };
}

/** Returns false when this process must end: its re-executed copy ran instead (exit code set). */
export async function ensureRaisedFdLimit(): Promise<boolean> {
  if (process.env[RAISED] === '1' || process.platform !== 'linux') return true;
  const script = `ulimit -n ${WANTED} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`;
  const child = spawn('bash', ['-c', script, 'oncall-bench', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [RAISED]: '1' },
  });
  // Ctrl-C reaches the whole process group, the copy included: just wait for it to clean up.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.exitCode = await new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return false;
}

/**
 * `npm run bench [-- --quick]`: OnCall's signaling server and media set-up measured beside their
 * floors in the same run on the same machine. See USAGE in config.ts and bench.ts for the run.
 * Only light modules load before the re-exec that raises the open-files limit.
 */
import { parseArgs, type BenchConfig } from './config.js';
import { ensureRaisedFdLimit } from './fd-limit.js';

// --cluster: the cluster figures alone (tests/bench/cluster.ts); needs PostgreSQL and Redis.
if (process.argv.includes('--cluster')) {
  const { runClusterBench, clusterReport } = await import('./cluster.js');
  const quick = process.argv.includes('--quick');
  const figures = await runClusterBench({ rounds: quick ? 30 : 200, clients: quick ? 20 : 100, out: 'tests/bench/results' });
  console.log(clusterReport(figures));
  process.exit(0);
}

let cfg: BenchConfig;
try {
  cfg = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
if (await ensureRaisedFdLimit()) {
  const { runBench, log } = await import('./bench.js');
  await runBench(cfg).then(
    () => process.exit(0),
    (err: unknown) => {
      log(`bench failed: ${err instanceof Error ? err.stack : String(err)}`);
      process.exit(1);
    },
  );
}

/** `npm run server`: the signaling server alone, configured from ONCALL_* environment variables. */
import { configFromEnv } from './config.js';
import { redactUrl } from './db/postgres-store.js';
import { demoSignInLines } from './seed/demo.js';
import { startServer } from './server.js';

const config = configFromEnv(process.env);
if (!config.ok) {
  console.error('OnCall server: invalid configuration');
  for (const p of config.problems) console.error(`  - ${p}`);
  process.exit(2);
}

try {
  const server = await startServer(config.options);
  if (server.seededDemo) console.log(['', ...demoSignInLines(server.url), ''].join('\n'));
  console.log(`OnCall server on ${server.url}  (data: ${config.options.databaseUrl ? redactUrl(config.options.databaseUrl) : config.options.dataDir})`);
  console.log(server.webServed ? `Web client: ${server.url}/` : `Web client not built (${config.options.webRoot}): run "npm run build:web" to serve it at ${server.url}/`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') console.error(`OnCall server: port ${config.options.port} is already in use. Set ONCALL_PORT to another port.`);
  else if (e.code === 'EACCES') console.error(`OnCall server: not allowed to listen on ${config.options.host}:${config.options.port}.`);
  else console.error('OnCall server failed to start:', err);
  process.exit(1);
}

/**
 * `npm start`: the signaling server (configured from ONCALL_* like `npm run server`; SQLite in
 * ./data, demo organisation) in this process, then the desktop app on it. Where the Electron
 * binary is missing (it cannot be downloaded everywhere) the server keeps running and the web
 * client is the way in. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv } from '../signaling/config.js';
import { demoSignInLines } from '../signaling/seed/demo.js';
import { startServer } from '../signaling/server.js';
import { electronBinaryPath } from './electron-binary.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function waitUntilUp(url: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      if ((await fetch(new URL('/api/health', url))).ok) return;
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server at ${url} does not answer /api/health`);
}

const config = configFromEnv(process.env);
if (!config.ok) {
  console.error(['OnCall: invalid configuration', ...config.problems.map((p) => `  - ${p}`)].join('\n'));
  process.exit(2);
}
const options = {
  ...config.options,
  dataDir: resolve(root, config.options.dataDir),
  webRoot: resolve(root, config.options.webRoot ?? 'dist/web'),
  seedDemo: true,
};

let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer(options);
  await waitUntilUp(server.url);
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `OnCall: port ${options.port} is already in use; set ONCALL_PORT to another port.` : `OnCall: the server failed to start: ${String(err)}`);
  process.exit(1);
}
const webUrl = `${server.url}/`;
// Printed on every start (not only the seeding one): this launcher always runs the demo organisation.
console.log(['', ...demoSignInLines(webUrl), ''].join('\n'));
console.log(`OnCall server on ${server.url} (data: ${options.dataDir})`);

let child: ChildProcess | null = null;
let stopping = false;

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await server.close().catch((err: unknown) => console.error(`OnCall: server shutdown failed: ${String(err)}`));
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const binary = electronBinaryPath();
if (binary) {
  child = spawn(binary, [join(root, 'dist-electron', 'main.js')], {
    stdio: 'inherit',
    env: { ...process.env, ONCALL_SERVER_URL: server.url },
  });
  child.on('error', (err) => {
    console.error(`OnCall: could not start Electron (${err.message}); the web client is open at ${webUrl}`);
    child = null;
  });
  // Quitting the app ends the session: the server stops with it.
  child.on('exit', (code) => void stop(code ?? 0));
  console.log(`OnCall desktop started (${binary}). Ctrl-C stops it and the server.`);
} else {
  console.log(
    `\nElectron binary is not installed on this machine; the web client is open at ${webUrl} — sign in with a demo user (see above)\n` +
      'Ctrl-C stops the server.',
  );
}

import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { nodePolyfills } from 'vite-plugin-node-polyfills';

const pageDir = fileURLToPath(new URL('./', import.meta.url));

/**
 * Bundles the media bench page (this folder + the renderer's call engine + socket.io-client +
 * simple-peer) into `outDir` with the same node polyfills as the web client's vite.config.ts.
 * About a second, so it is rebuilt on every run and always matches the working tree.
 */
export async function buildMediaPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: pageDir,
    base: './',
    plugins: [nodePolyfills({ include: ['buffer', 'process', 'events', 'stream', 'util'], globals: { Buffer: true, global: true, process: true } })],
    build: { outDir, emptyOutDir: true, minify: false, modulePreload: { polyfill: false }, chunkSizeWarningLimit: 2000 },
  });
}

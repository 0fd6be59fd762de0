import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { nodePolyfills } from 'vite-plugin-node-polyfills';

/**
 * The web client (also the desktop renderer). `base: './'` because the same build is loaded from
 * the server's origin (http://host:4400/) and from the desktop's app://oncall/.
 * No inline scripts: both hosts send `script-src 'self'`.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    react(),
    // simple-peer 9 expects Node's buffer/process/events/stream/util.
    nodePolyfills({
      include: ['buffer', 'process', 'events', 'stream', 'util'],
      globals: { Buffer: true, global: true, process: true },
    }),
  ],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1000,
  },
  server: { fs: { allow: ['..'] } },
});

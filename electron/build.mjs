// Bundles the Electron main process (ESM, dist-electron/main.js, the package.json "main") and the
// preload (CommonJS, dist-electron/preload.cjs: sandboxed preloads load neither ESM nor any module
// other than `electron`). Everything except `electron` is bundled, so the packaged app needs no
// node_modules. Usage: node electron/build.mjs   (ONCALL_ELECTRON_OUT overrides the output dir)
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.env.ONCALL_ELECTRON_OUT ?? join(root, 'dist-electron'));

/** Electron 45 runs Node 22 and Chromium 140. */
const common = {
  bundle: true,
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
};

await rm(outDir, { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: join(outDir, 'main.js'),
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // CommonJS dependencies bundled into ESM (ajv inside electron-store) still call require().
    banner: { js: "import { createRequire as __oncallCreateRequire } from 'node:module';\nconst require = __oncallCreateRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: join(outDir, 'preload.cjs'),
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    // zod comes along with the channel table in bridge-contract.ts; minified it stays small to parse.
    minify: true,
  }),
]);
console.log(`electron: main.js and preload.cjs written to ${outDir}`);

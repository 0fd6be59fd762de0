import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the Electron executable is, or null when it was never downloaded. Mirrors the lookup in
 * the `electron` package's index.js without its side effect: requiring that module tries to
 * download the binary when it is missing, which hangs or fails on a machine without network.
 */

export interface BinaryProbe {
  /** Folder of the installed `electron` npm package; null when the package is absent. */
  packageDir: string | null;
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  readText(path: string): string | null;
}

export function findElectronBinary(probe: BinaryProbe): string | null {
  if (!probe.packageDir) return null;
  const executable = probe.readText(join(probe.packageDir, 'path.txt'))?.trim() || null;
  const override = probe.env.ELECTRON_OVERRIDE_DIST_PATH;
  let candidate: string | null = null;
  if (override) candidate = join(override, executable ?? 'electron');
  else if (executable) candidate = join(probe.packageDir, 'dist', executable);
  return candidate && probe.exists(candidate) ? candidate : null;
}

export function systemProbe(env: Record<string, string | undefined> = process.env): BinaryProbe {
  let packageDir: string | null = null;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    packageDir = null;
  }
  return {
    packageDir,
    env,
    exists: existsSync,
    readText: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return null;
      }
    },
  };
}

export function electronBinaryPath(): string | null {
  return findElectronBinary(systemProbe());
}

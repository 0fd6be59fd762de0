import { describe, expect, it } from 'vitest';
import { electronBinaryPath, findElectronBinary, type BinaryProbe } from '../../../electron/electron-binary.js';

const probe = (files: Record<string, string>, env: Record<string, string> = {}, packageDir: string | null = '/nm/electron'): BinaryProbe => ({
  packageDir,
  env,
  exists: (p) => p in files,
  readText: (p) => files[p] ?? null,
});

describe('findElectronBinary', () => {
  it('finds the downloaded executable named in path.txt', () => {
    expect(findElectronBinary(probe({ '/nm/electron/path.txt': 'electron\n', '/nm/electron/dist/electron': '' }))).toBe('/nm/electron/dist/electron');
  });

  it('is null when the binary was never downloaded or path.txt points at nothing', () => {
    expect(findElectronBinary(probe({}))).toBeNull();
    expect(findElectronBinary(probe({ '/nm/electron/path.txt': 'electron' }))).toBeNull();
    expect(findElectronBinary(probe({}, {}, null))).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const files = { '/opt/electron/electron': '' };
    expect(findElectronBinary(probe(files, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }))).toBe('/opt/electron/electron');
    expect(findElectronBinary(probe({}, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }))).toBeNull();
  });

  it('on this machine answers without trying to download (null here: the download is blocked)', () => {
    const found = electronBinaryPath();
    expect(found === null || found.length > 0).toBe(true);
  });
});

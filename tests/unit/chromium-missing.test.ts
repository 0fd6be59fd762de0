import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/chromium.js';

/** Without Chromium the browser tests stop at once with one line saying how to get it. */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

describe('browser tests without Chromium', () => {
  it('a runnable file is Chromium enough; a missing path or a folder is not', () => {
    expect(chromiumMissing(process.execPath)).toBeNull();
    expect(chromiumMissing('/nonexistent/chromium')).toBe(
      'Chromium not found at /nonexistent/chromium — install it with `apt-get install chromium`, or point CHROMIUM_PATH at a Chromium binary.',
    );
    expect(chromiumMissing(root)).toMatch(/^Chromium not found at /);
  });

  it('playwright test prints that one line and fails, with no stack trace', async () => {
    const failed = await run(process.execPath, [join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--list'], {
      cwd: root,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
    }).then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failed).not.toBeNull();
    expect(failed!.code).toBe(1);
    expect(`${failed!.stdout}${failed!.stderr}`.trim()).toBe(chromiumMissing('/nonexistent/chromium'));
  }, 60_000);
});

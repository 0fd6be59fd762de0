import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX_STORE_OPTIONS, type OutboxData } from '../../../electron/outbox-store.js';
import { openStoreSafely } from '../../../electron/stores.js';
import { openConfStore } from './conf-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oncall-stores-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('openStoreSafely', () => {
  it('moves an unreadable store file aside (kept for recovery) and opens a fresh store', async () => {
    const file = join(dir, 'outbox.json');
    await writeFile(file, '{"items": {"9b1d…": {"kind": "advice"'); // truncated JSON
    const log = { error: vi.fn() };
    const store = openStoreSafely(() => openConfStore<OutboxData>(dir, { ...OUTBOX_STORE_OPTIONS }), file, log, () => 1234);
    expect(store.get('items')).toEqual({});
    expect((await readdir(dir)).sort()).toEqual(['outbox.json', 'outbox.json.unreadable-1234']);
    expect(await readFile(join(dir, 'outbox.json.unreadable-1234'), 'utf8')).toContain('"kind": "advice"');
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('outbox.json.unreadable-1234'));
  });

  it('opens a readable store untouched', async () => {
    openConfStore<OutboxData>(dir, { ...OUTBOX_STORE_OPTIONS }).set('quarantine', ['kept']);
    const log = { error: vi.fn() };
    const store = openStoreSafely(() => openConfStore<OutboxData>(dir, { ...OUTBOX_STORE_OPTIONS }), join(dir, 'outbox.json'), log);
    expect(store.get('quarantine')).toEqual(['kept']);
    expect(log.error).not.toHaveBeenCalled();
  });
});

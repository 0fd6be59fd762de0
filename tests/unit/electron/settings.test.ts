import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DesktopSettings } from '../../../electron/bridge-contract.js';
import { createSettingsService, DEFAULT_SERVER_URL, defaultSettings, settingsStoreOptions, type SettingsData } from '../../../electron/settings.js';
import { openConfStore } from './conf-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oncall-settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const defaults = defaultSettings({});
const open = () => openConfStore<SettingsData>(dir, settingsStoreOptions(defaults));

describe('default settings', () => {
  it('point at the local server unless ONCALL_SERVER_URL names another http(s) server', () => {
    expect(defaults).toEqual({ serverUrl: DEFAULT_SERVER_URL, audioInputId: null, audioOutputId: null, ringVolume: 0.8, startMinimised: false });
    expect(DesktopSettings.safeParse(defaults).success).toBe(true);
    expect(defaultSettings({ ONCALL_SERVER_URL: 'https://oncall.example.nhs.uk' }).serverUrl).toBe('https://oncall.example.nhs.uk');
    const log = { warn: vi.fn() };
    expect(defaultSettings({ ONCALL_SERVER_URL: 'ftp://x' }, log).serverUrl).toBe(DEFAULT_SERVER_URL);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('ONCALL_SERVER_URL'));
  });
});

describe('settings service on the real store', () => {
  it('starts from the defaults and persists a validated patch across a restart', () => {
    const settings = createSettingsService(open(), defaults);
    expect(settings.get()).toEqual(defaults);
    const next = settings.set({ ringVolume: 0.4, audioInputId: 'mic-2', startMinimised: true });
    expect(next).toEqual({ ...defaults, ringVolume: 0.4, audioInputId: 'mic-2', startMinimised: true });
    expect(createSettingsService(open(), defaults).get()).toEqual(next);
  });

  it.each([
    [{ ringVolume: 2 }],
    [{ serverUrl: 'javascript:alert(1)' }],
    [{ serverUrl: 'file:///etc/passwd' }],
    [{ startMinimised: 'yes' }],
    [{ unknownKey: 1 }],
    [null],
    ['ringVolume=1'],
  ])('rejects %j and changes nothing', (patch) => {
    const settings = createSettingsService(open(), defaults);
    settings.set({ ringVolume: 0.3 });
    expect(() => settings.set(patch)).toThrow();
    expect(settings.get().ringVolume).toBe(0.3);
    expect(createSettingsService(open(), defaults).get().ringVolume).toBe(0.3);
  });

  it('reports a changed server URL (the CSP needs a reload), not an unchanged one', () => {
    const changed = vi.fn();
    const settings = createSettingsService(open(), defaults, changed);
    settings.set({ serverUrl: DEFAULT_SERVER_URL, ringVolume: 0.5 });
    expect(changed).not.toHaveBeenCalled();
    settings.set({ serverUrl: 'https://oncall.example.nhs.uk' });
    expect(changed).toHaveBeenCalledWith('https://oncall.example.nhs.uk');
  });

  it('the store schema (generated from DesktopSettings) refuses invalid writes itself', () => {
    const store = open();
    expect(() => store.set('settings', { ...defaults, ringVolume: 7 })).toThrow();
    expect(() => store.set('settings', { ...defaults, extra: true } as never)).toThrow();
  });

  it('falls back field by field when the file holds a bad value', async () => {
    createSettingsService(open(), defaults).set({ ringVolume: 0.2, audioOutputId: 'speaker-1' });
    const file = join(dir, 'settings.json');
    const raw = JSON.parse(await readFile(file, 'utf8'));
    raw.settings.ringVolume = 'loud';
    await writeFile(file, JSON.stringify(raw));
    // The schema refuses the file: conf clears it (settings hold no clinical data) → defaults.
    const settings = createSettingsService(open(), defaults);
    expect(DesktopSettings.safeParse(settings.get()).success).toBe(true);

    // And a store that hands back partial garbage still yields valid settings, keeping good fields.
    const fake = { get: () => ({ ...defaults, ringVolume: 'loud', audioOutputId: 'speaker-1' }), set: vi.fn(), delete: vi.fn() };
    expect(createSettingsService(fake as never, defaults).get()).toEqual({ ...defaults, audioOutputId: 'speaker-1' });
  });
});

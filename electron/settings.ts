import type { Schema } from 'electron-store';
import { z } from 'zod';
import { DesktopSettings, DesktopSettingsPatch } from './bridge-contract.js';
import type { KeyValueStore } from './stores.js';

/** Desktop settings: electron-store file `settings.json`, checked by its JSON schema and by zod. */

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4400';

export type SettingsData = { settings: DesktopSettings };

export interface SettingsLog {
  warn(message: string): void;
}

export function defaultSettings(env: Record<string, string | undefined>, log?: SettingsLog): DesktopSettings {
  const fromEnv = env.ONCALL_SERVER_URL;
  let serverUrl = DEFAULT_SERVER_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (DesktopSettings.shape.serverUrl.safeParse(fromEnv).success) serverUrl = fromEnv;
    else log?.warn(`ONCALL_SERVER_URL=${fromEnv} is not an http(s) URL; using ${DEFAULT_SERVER_URL}`);
  }
  return { serverUrl, audioInputId: null, audioOutputId: null, ringVolume: 0.8, startMinimised: false };
}

/** electron-store options: the JSON schema is generated from the protocol's DesktopSettings. */
export function settingsStoreOptions(defaults: DesktopSettings) {
  // Plain JSON for ajv; zod's and conf's JSON-Schema typings differ only in `$vocabulary`.
  const { $schema: _drop, ...schema } = JSON.parse(JSON.stringify(z.toJSONSchema(DesktopSettings, { target: 'draft-07' })));
  return {
    name: 'settings',
    schema: { settings: { ...schema, default: defaults } } as Schema<SettingsData>,
    defaults: { settings: defaults },
    // Settings hold no clinical data: an unreadable file falls back to defaults.
    clearInvalidConfig: true,
  };
}

export interface SettingsService {
  get(): DesktopSettings;
  /** Validated patch → the full new settings. Throws (changing nothing) when invalid. */
  set(patch: unknown): DesktopSettings;
}

export function createSettingsService(
  store: KeyValueStore<SettingsData>,
  defaults: DesktopSettings,
  onServerUrlChange?: (url: string) => void,
): SettingsService {
  const keys = Object.keys(DesktopSettings.shape) as (keyof DesktopSettings)[];

  /** Field by field, so one bad value falls back to its default without discarding the rest. */
  const get = (): DesktopSettings => {
    const raw: unknown = store.get('settings');
    const stored = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const merged: Record<string, unknown> = {};
    for (const key of keys) {
      merged[key] = DesktopSettings.shape[key].safeParse(stored[key]).success ? stored[key] : defaults[key];
    }
    return DesktopSettings.parse(merged);
  };

  return {
    get,
    set(patch) {
      const valid = DesktopSettingsPatch.parse(patch);
      const changes = Object.fromEntries(Object.entries(valid).filter(([, v]) => v !== undefined));
      const before = get();
      const next = DesktopSettings.parse({ ...before, ...changes });
      store.set('settings', next);
      if (next.serverUrl !== before.serverUrl) onServerUrlChange?.(next.serverUrl);
      return next;
    },
  };
}

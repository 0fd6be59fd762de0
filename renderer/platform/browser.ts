import {
  DesktopSettings,
  DesktopSettingsPatch,
  OutboxItem,
  type AttentionState,
  type RingNotification,
} from '../../electron/bridge-contract.js';
import type { Platform } from './platform.js';

/** What the browser platform needs from the page; injected so unit tests can run in Node. */
export interface BrowserHost {
  /** Durable: the outbox and settings live here (survives tab close, crash, reboot). */
  local: Storage;
  /**
   * The session token lives here, per tab: ward PCs are shared, so closing the tab must not leave a
   * signed-in session behind. Outcomes are not lost by that: the outbox stays in `local` and is
   * flushed as soon as the user signs in again.
   */
  session: Storage;
  origin: string;
  setTitle(title: string): void;
  notify?(n: RingNotification): { close(): void } | null;
  wakeLock?(): Promise<{ release(): Promise<void> } | null>;
  openWindow?(url: string): void;
}

const KEYS = { outbox: 'oncall.outbox.v1', settings: 'oncall.settings.v1', token: 'oncall.token' } as const;
const DEFAULT_SETTINGS = { audioInputId: null, audioOutputId: null, ringVolume: 0.8, startMinimised: false };

function readJson(storage: Storage, key: string): unknown {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

export function createBrowserPlatform(host: BrowserHost): Platform {
  const rings = new Map<string, { close(): void }>();
  let lock: { release(): Promise<void> } | null = null;

  /** Raw entries are kept even when one fails validation, so nothing is ever dropped silently. */
  const rawOutbox = (): unknown[] => {
    const v = readJson(host.local, KEYS.outbox);
    return Array.isArray(v) ? v : [];
  };
  const idOf = (raw: unknown): string | undefined => {
    const parsed = OutboxItem.safeParse(raw);
    return parsed.success ? parsed.data.payload.outcomeId : undefined;
  };
  const settings = (): DesktopSettings => {
    const stored = DesktopSettingsPatch.safeParse(readJson(host.local, KEYS.settings));
    return { ...DEFAULT_SETTINGS, ...(stored.success ? stored.data : {}), serverUrl: host.origin };
  };

  return {
    kind: 'web',
    canChooseServer: false,
    serverUrl: async () => host.origin,
    settings: {
      get: async () => settings(),
      async set(patch) {
        const next = DesktopSettings.parse({ ...settings(), ...DesktopSettingsPatch.parse(patch), serverUrl: host.origin });
        const { serverUrl: _ignored, ...rest } = next;
        host.local.setItem(KEYS.settings, JSON.stringify(rest));
        return next;
      },
    },
    token: {
      get: async () => host.session.getItem(KEYS.token),
      async set(token) {
        if (token === null) host.session.removeItem(KEYS.token);
        else host.session.setItem(KEYS.token, token);
      },
    },
    outbox: {
      async list() {
        return rawOutbox().flatMap((raw) => {
          const parsed = OutboxItem.safeParse(raw);
          return parsed.success ? [parsed.data] : [];
        });
      },
      async put(item) {
        const valid = OutboxItem.parse(item);
        const id = valid.payload.outcomeId;
        const others = rawOutbox().filter((raw) => idOf(raw) !== id);
        // setItem throws when storage is full: the caller must see that, not lose the outcome.
        host.local.setItem(KEYS.outbox, JSON.stringify([...others, valid]));
      },
      async remove(outcomeId) {
        host.local.setItem(KEYS.outbox, JSON.stringify(rawOutbox().filter((raw) => idOf(raw) !== outcomeId)));
      },
    },
    async setAttention(state: AttentionState) {
      host.setTitle(state.ringing > 0 ? `(${state.ringing}) Ringing — OnCall` : 'OnCall');
    },
    async notifyRing(n) {
      rings.get(n.callId)?.close();
      const shown = host.notify?.(n) ?? null;
      if (shown) rings.set(n.callId, shown);
    },
    async clearRing(callId) {
      rings.get(callId)?.close();
      rings.delete(callId);
    },
    async setCallActive(active) {
      if (active && !lock) lock = (await host.wakeLock?.().catch(() => null)) ?? null;
      if (!active && lock) {
        const held = lock;
        lock = null;
        await held.release().catch(() => undefined);
      }
    },
    async openExternal(url) {
      if (/^https?:\/\//.test(url)) host.openWindow?.(url);
    },
    onTrayPresence: () => () => undefined,
  };
}

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { DesktopSettingsPatch, type DesktopSettings } from '../../electron/bridge-contract.js';
import { platform } from '../platform/index.js';
import { announce } from '../ui/common/announce.js';

/**
 * The specialist's device settings that are not audio devices (those live in the call store, which
 * uses them): ring volume and start-minimised. A change applies at once (RingSound follows
 * `ringVolume`) and is saved through the platform; the outcome is announced ("Saved" or why not).
 */
export interface SettingsState {
  ringVolume: number;
  startMinimised: boolean;
  /** The last save: nothing yet, saved, or failed (with `error`). */
  saveStatus: 'idle' | 'saved' | 'failed';
  error: string | null;
  /** Non-zero while a test ring plays; each press of "Test ring" gets a new number (restarts it). */
  testRun: number;
  adopt(settings: Pick<DesktopSettings, 'ringVolume' | 'startMinimised'>): void;
  save(patch: Pick<DesktopSettingsPatch, 'ringVolume' | 'startMinimised'>): Promise<void>;
  /** Reports a save (null: saved, else why not); also for saves done elsewhere (the device picker saves through the call store). */
  reportSave(error: string | null): void;
  testRing(): void;
}

export interface SettingsDeps {
  settings(): { set(patch: DesktopSettingsPatch): Promise<DesktopSettings> };
  announce(text: string): void;
  schedule(fn: () => void, ms: number): () => void;
}

/** Long enough for the ring sound (2.8 s) to play once. */
export const TEST_RING_MS = 3000;
export const SAVED_TEXT = 'Saved';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createSettingsStore(deps: SettingsDeps) {
  let stopTest: (() => void) | null = null;
  let runs = 0;

  return createStore<SettingsState>()((set, get) => ({
    ringVolume: 0.8,
    startMinimised: false,
    saveStatus: 'idle',
    error: null,
    testRun: 0,

    adopt({ ringVolume, startMinimised }) {
      set({ ringVolume, startMinimised });
    },

    async save(patch) {
      const valid = DesktopSettingsPatch.safeParse(patch);
      if (!valid.success) {
        get().reportSave('that value is not allowed');
        return;
      }
      set(patch);
      try {
        await deps.settings().set(patch);
        get().reportSave(null);
      } catch (err) {
        get().reportSave(message(err));
      }
    },

    reportSave(error) {
      if (error === null) {
        set({ saveStatus: 'saved', error: null });
        deps.announce(SAVED_TEXT);
      } else {
        // The change still applies until OnCall is restarted; say that it was not kept.
        const text = `Not saved: ${error}. The change applies until OnCall is restarted.`;
        set({ saveStatus: 'failed', error: text });
        deps.announce(text);
      }
    },

    testRing() {
      stopTest?.();
      runs += 1;
      const run = runs;
      set({ testRun: run });
      stopTest = deps.schedule(() => {
        stopTest = null;
        if (get().testRun === run) set({ testRun: 0 });
      }, TEST_RING_MS);
    },
  }));
}

/** The app's settings store. */
export const settingsStore = createSettingsStore({
  settings: () => platform().settings,
  announce,
  schedule: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
});

export function useSettings<T>(selector: (s: SettingsState) => T): T {
  return useStore(settingsStore, selector);
}

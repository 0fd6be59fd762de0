import { z } from 'zod';
import type { KeyValueStore } from './stores.js';

/**
 * Remembers the main window's bounds and maximised flag (electron-store `window-state.json`).
 * Saved bounds are used only while they still fall on a connected display, so a window last
 * seen on an unplugged monitor comes back on screen.
 */

const Rect = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export type Rect = z.infer<typeof Rect>;
const SavedWindowState = z.object({ bounds: Rect, maximised: z.boolean() });
export type SavedWindowState = z.infer<typeof SavedWindowState>;

export type WindowStateData = { window?: SavedWindowState };

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;
/** How much of the window must lie on a display for the saved position to be kept. */
const MIN_VISIBLE = 100;

export interface InitialWindowState {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximised: boolean;
}

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  return {
    w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

export function initialWindowState(saved: unknown, workAreas: readonly Rect[]): InitialWindowState {
  const parsed = SavedWindowState.safeParse(saved);
  if (!parsed.success) return { bounds: { ...DEFAULT_SIZE }, maximised: false };
  const { bounds, maximised } = parsed.data;
  const width = Math.max(bounds.width, MIN_SIZE.width);
  const height = Math.max(bounds.height, MIN_SIZE.height);
  const onScreen = workAreas.some((area) => {
    const o = overlap({ ...bounds, width, height }, area);
    return o.w >= MIN_VISIBLE && o.h >= MIN_VISIBLE;
  });
  return { bounds: onScreen ? { x: bounds.x, y: bounds.y, width, height } : { width, height }, maximised };
}

export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  on(event: 'close' | 'resized' | 'moved' | 'maximize' | 'unmaximize', listener: () => void): unknown;
}

/** Saves on every settled move/resize, on (un)maximise and on close. */
export function trackWindowState(win: TrackedWindow, store: KeyValueStore<WindowStateData>): () => void {
  const save = (): void => {
    if (win.isDestroyed()) return;
    store.set('window', { bounds: win.getNormalBounds(), maximised: win.isMaximized() });
  };
  for (const event of ['close', 'resized', 'moved', 'maximize', 'unmaximize'] as const) win.on(event, save);
  return save;
}

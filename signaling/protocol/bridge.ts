import { z } from 'zod';
import { Id } from './common.js';
import { AdviceOutcomeInput, PatientOutcomeInput } from './outcomes.js';

/**
 * The desktop bridge: what the Electron preload exposes to the renderer as `window.oncall`.
 * Every payload crossing the IPC boundary is validated in the main process with these schemas.
 * In a plain browser the renderer's platform seam implements the same interface with web APIs.
 */

/**
 * Who wrote an outbox item (the signed-in user's id). A shared PC keeps several users' outcomes in
 * one outbox; each is sent and shown only in its author's session. Optional only because items
 * written before it existed have none (the renderer treats those as "unknown author").
 */
const OutboxAuthor = Id.optional();

/** An outcome waiting in the durable outbox until the server acknowledges it. */
export const OutboxItem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('advice'), authorId: OutboxAuthor, payload: AdviceOutcomeInput, queuedAt: z.number().int() }),
  z.strictObject({ kind: z.literal('patient'), authorId: OutboxAuthor, payload: PatientOutcomeInput, queuedAt: z.number().int() }),
]);
export type OutboxItem = z.infer<typeof OutboxItem>;

export const DesktopSettings = z.strictObject({
  serverUrl: z.url({ protocol: /^https?$/ }),
  audioInputId: z.string().max(256).nullable(),
  audioOutputId: z.string().max(256).nullable(),
  ringVolume: z.number().min(0).max(1),
  startMinimised: z.boolean(),
});
export type DesktopSettings = z.infer<typeof DesktopSettings>;
export const DesktopSettingsPatch = DesktopSettings.partial();
export type DesktopSettingsPatch = z.infer<typeof DesktopSettingsPatch>;

export const AttentionState = z.strictObject({
  /** Calls ringing for this user right now: tray icon, window title, badge. */
  ringing: z.number().int().min(0).max(1000),
  presence: z.enum(['offline', 'available', 'away', 'busy', 'wrap_up']),
});
export type AttentionState = z.infer<typeof AttentionState>;

export const RingNotification = z.strictObject({
  callId: z.string().max(64),
  title: z.string().max(200),
  body: z.string().max(500),
});
export type RingNotification = z.infer<typeof RingNotification>;

export const ExternalUrl = z.url({ protocol: /^https?$/ });

export interface OnCallBridge {
  readonly kind: 'desktop';
  settings: {
    get(): Promise<DesktopSettings>;
    set(patch: DesktopSettingsPatch): Promise<DesktopSettings>;
  };
  /** Session token, encrypted at rest with safeStorage where the OS offers it. */
  token: {
    get(): Promise<string | null>;
    set(token: string | null): Promise<void>;
  };
  outbox: {
    list(): Promise<OutboxItem[]>;
    put(item: OutboxItem): Promise<void>;
    remove(outcomeId: string): Promise<void>;
  };
  /** Tray icon, window title and badge follow the ringing count and presence. */
  setAttention(state: AttentionState): Promise<void>;
  /** OS notification that does not time out; clicking it focuses the window. */
  notifyRing(n: RingNotification): Promise<void>;
  clearRing(callId: string): Promise<void>;
  /** Keep the display awake while a call is connected. */
  setCallActive(active: boolean): Promise<void>;
  openExternal(url: string): Promise<void>;
  /** Tray menu availability choice → renderer; returns an unsubscribe function. */
  onTrayPresence(cb: (status: 'available' | 'away') => void): () => void;
}

/** IPC channel names, one per bridge method. */
export const IPC = {
  settingsGet: 'oncall:settings:get',
  settingsSet: 'oncall:settings:set',
  tokenGet: 'oncall:token:get',
  tokenSet: 'oncall:token:set',
  outboxList: 'oncall:outbox:list',
  outboxPut: 'oncall:outbox:put',
  outboxRemove: 'oncall:outbox:remove',
  setAttention: 'oncall:attention',
  notifyRing: 'oncall:notify-ring',
  clearRing: 'oncall:clear-ring',
  setCallActive: 'oncall:call-active',
  openExternal: 'oncall:open-external',
  trayPresence: 'oncall:tray-presence',
} as const;

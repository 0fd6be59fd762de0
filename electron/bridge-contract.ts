import { z } from 'zod';
import { ClientUuid, Id } from '../signaling/protocol/common.js';
import { AdviceOutcomeInput, PatientOutcomeInput } from '../signaling/protocol/outcomes.js';

/**
 * The desktop bridge contract: what the Electron preload exposes to the renderer as `window.oncall`,
 * as ONE table of IPC channels (BRIDGE below). From it
 * - the preload builds `window.oncall` (bridge-client.ts),
 * - the main process registers one sender-checked, payload-validated handler per call
 *   (ipc-handlers.ts), and the type of what it must implement (BridgeServices),
 * - the renderer gets the type of `window.oncall` (OnCallBridge), which its browser platform also
 *   implements with web APIs.
 * Adding a channel is one entry here; the compiler then asks main.ts for its implementation.
 *
 * Bundled into the renderer and the preload, so it imports only zod and the wire protocol
 * (eslint.config.js holds it to that). The signaling server never uses it.
 */

// ── Payload schemas ────────────────────────────────────────────────────────────────────────────

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

/** Opaque session token as the server issues it. */
export const SessionToken = z.string().min(1).max(4096);

/** What the tray menu lets a specialist choose for themselves. */
export const TrayPresence = z.enum(['available', 'away']);
export type TrayPresence = z.infer<typeof TrayPresence>;

// ── Channel kinds ──────────────────────────────────────────────────────────────────────────────

type ChannelName = `oncall:${string}`;
declare const RESULT: unique symbol;
/** A result type carried in the table for the compiler only (nothing checks it at run time). */
export interface Returns<T> {
  readonly [RESULT]?: T;
}
export const returns = <T>(): Returns<T> => ({});

/**
 * Renderer → main: `ipcRenderer.invoke(channel, ...args)`. The main process refuses the call unless
 * it comes from the app's top frame and `args` parses; its handler's value is the result.
 */
export interface InvokeChannel<Args extends unknown[] = unknown[], Result = unknown> {
  readonly kind: 'invoke';
  readonly channel: ChannelName;
  readonly args: z.ZodType<Args>;
  readonly result: Returns<Result>;
}

/** Main → renderer: `webContents.send(channel, value)`; the preload passes on only values that parse. */
export interface PushChannel<Value = unknown> {
  readonly kind: 'push';
  readonly channel: ChannelName;
  readonly value: z.ZodType<Value>;
}

export function invoke<Args extends unknown[], Result = void>(
  channel: ChannelName,
  args: z.ZodType<Args>,
  result: Returns<Result> = returns<Result>(),
): InvokeChannel<Args, Result> {
  return { kind: 'invoke', channel, args, result };
}

export function push<Value>(channel: ChannelName, value: z.ZodType<Value>): PushChannel<Value> {
  return { kind: 'push', channel, value };
}

// ── The table ──────────────────────────────────────────────────────────────────────────────────

export const BRIDGE = {
  settings: {
    get: invoke('oncall:settings:get', z.tuple([]), returns<DesktopSettings>()),
    /** A new server URL takes effect after a reload (the CSP's connect-src is fixed per page load). */
    set: invoke('oncall:settings:set', z.tuple([DesktopSettingsPatch]), returns<DesktopSettings>()),
  },
  /** Session token, encrypted at rest with safeStorage where the OS offers it. */
  token: {
    get: invoke('oncall:token:get', z.tuple([]), returns<string | null>()),
    set: invoke('oncall:token:set', z.tuple([SessionToken.nullable()])),
  },
  /** Outcomes not yet acknowledged by the server, kept on disk. */
  outbox: {
    list: invoke('oncall:outbox:list', z.tuple([]), returns<OutboxItem[]>()),
    put: invoke('oncall:outbox:put', z.tuple([OutboxItem])),
    /** By the outcome's id. */
    remove: invoke('oncall:outbox:remove', z.tuple([ClientUuid])),
  },
  /** Tray icon, window title and badge follow the ringing count and presence. */
  setAttention: invoke('oncall:attention', z.tuple([AttentionState])),
  /** OS notification that does not time out; clicking it focuses the window. */
  notifyRing: invoke('oncall:notify-ring', z.tuple([RingNotification])),
  /** Closes the notification of the call with this id. */
  clearRing: invoke('oncall:clear-ring', z.tuple([RingNotification.shape.callId])),
  /** Keep the display awake while a call is connected. */
  setCallActive: invoke('oncall:call-active', z.tuple([z.boolean()])),
  /** http(s) only, in the user's browser. */
  openExternal: invoke('oncall:open-external', z.tuple([ExternalUrl])),
  /** Tray menu availability choice → renderer; subscribing returns an unsubscribe function. */
  onTrayPresence: push('oncall:tray-presence', TrayPresence),
} as const;

// ── What the table gives each side ─────────────────────────────────────────────────────────────

/** A bridge table: channels, or groups of them. */
export interface BridgeTable {
  readonly [name: string]: InvokeChannel | PushChannel | BridgeTable;
}

/** The renderer's side of a table: a promise per call, a subscription per push. */
export type BridgeApi<T> = {
  -readonly [K in keyof T]: T[K] extends InvokeChannel<infer A, infer R>
    ? (...args: A) => Promise<R>
    : T[K] extends PushChannel<infer V>
      ? (listener: (value: V) => void) => () => void
      : BridgeApi<T[K]>;
};

/** The main process's side of a table: an implementation per call (pushes are sent, not handled). */
export type BridgeImplementation<T> = {
  -readonly [K in keyof T as T[K] extends PushChannel ? never : K]: T[K] extends InvokeChannel<infer A, infer R>
    ? (...args: A) => R | Promise<R>
    : BridgeImplementation<T[K]>;
};

/** `window.oncall`. */
export type OnCallBridge = { readonly kind: 'desktop' } & BridgeApi<typeof BRIDGE>;

/** What the main process implements behind `window.oncall`. */
export type BridgeServices = BridgeImplementation<typeof BRIDGE>;

export interface BridgeEntry {
  /** Where it sits in `window.oncall`, e.g. ['settings', 'get']. */
  readonly path: readonly string[];
  readonly channel: InvokeChannel | PushChannel;
}

/** Every channel in a table with its place in the bridge object, in table order. */
export function bridgeEntries(table: BridgeTable = BRIDGE, at: readonly string[] = []): BridgeEntry[] {
  return Object.entries(table).flatMap(([name, value]): BridgeEntry[] => {
    const path = [...at, name];
    return isChannel(value) ? [{ path, channel: value }] : bridgeEntries(value, path);
  });
}

function isChannel(value: InvokeChannel | PushChannel | BridgeTable): value is InvokeChannel | PushChannel {
  return (value.kind === 'invoke' || value.kind === 'push') && typeof value.channel === 'string';
}

import { z } from 'zod';
import type { AckFn } from './common.js';
import type { CallHistoryItem, CallView, PresenceReason, PresenceStatus, QueueItem, SignalData } from './calls.js';
import { CallRef, CallRequestInput, HangupInput, HistoryQuery, PresenceInput, SignalInput } from './calls.js';
import type { CoveredLine, DirectoryEntry, IceServer, UserPublic } from './directory.js';
import type { OutcomeAck } from './outcomes.js';
import type { RingStopReason } from './queue.js';
import { AdviceOutcomeInput, PatientOutcomeInput } from './outcomes.js';

/**
 * Sockets authenticate in the handshake: `io(url, { auth: { token } })` with the token from
 * POST /api/auth/signin. A bad token fails the connection with `connect_error` message "unauthorized".
 */
export const HandshakeAuth = z.strictObject({ token: z.string().min(16).max(256) });

/** Schema of every client→server event's payload; the server validates each before acting. */
export const clientEventSchemas = {
  'presence:set': PresenceInput,
  'directory:list': z.strictObject({}),
  'queue:list': z.strictObject({}),
  'call:request': CallRequestInput,
  'call:cancel': CallRef,
  'call:accept': CallRef,
  'call:decline': CallRef,
  'call:signal': SignalInput,
  'call:hangup': HangupInput,
  'call:get': CallRef,
  'outcome:advice': AdviceOutcomeInput,
  'outcome:patient': PatientOutcomeInput,
  'history:list': HistoryQuery,
} as const;
export type ClientEventName = keyof typeof clientEventSchemas;

/** What the server sends right after a socket connects (and again after every reconnect). */
export interface SessionReady {
  user: UserPublic;
  presence: PresenceStatus;
  iceServers: IceServer[];
  /** Specialists: the lines they cover. Empty for callers. */
  coveredLines: CoveredLine[];
  /** A call this user is party to that has not finished (connected / wrap_up / waiting), to resume after a reconnect. */
  activeCall: CallView | null;
  serverTime: number;
}

export interface ClientToServerEvents {
  'presence:set': (p: z.input<typeof PresenceInput>, ack: AckFn<{ status: PresenceStatus }>) => void;
  'directory:list': (p: Record<string, never>, ack: AckFn<DirectoryEntry[]>) => void;
  'queue:list': (p: Record<string, never>, ack: AckFn<QueueItem[]>) => void;
  'call:request': (p: z.input<typeof CallRequestInput>, ack: AckFn<CallView>) => void;
  'call:cancel': (p: CallRef, ack: AckFn<CallView>) => void;
  'call:accept': (p: CallRef, ack: AckFn<CallView>) => void;
  /** Longest-idle / rota: pass the offer on to the next specialist now. */
  'call:decline': (p: CallRef, ack: AckFn<{ callId: string }>) => void;
  'call:signal': (p: { callId: string; data: SignalData }, ack: AckFn<{ delivered: boolean }>) => void;
  'call:hangup': (p: z.input<typeof HangupInput>, ack: AckFn<CallView>) => void;
  'call:get': (p: CallRef, ack: AckFn<CallView>) => void;
  'outcome:advice': (p: z.input<typeof AdviceOutcomeInput>, ack: AckFn<OutcomeAck>) => void;
  'outcome:patient': (p: z.input<typeof PatientOutcomeInput>, ack: AckFn<OutcomeAck>) => void;
  'history:list': (p: z.input<typeof HistoryQuery>, ack: AckFn<CallHistoryItem[]>) => void;
}

export interface ServerToClientEvents {
  'session:ready': (s: SessionReady) => void;
  /** The session was ended by the server (signed out elsewhere, deactivated, expired); do not reconnect with this token. */
  'session:ended': (e: { reason: 'signed_out' | 'deactivated' | 'expired' }) => void;
  /** Specialists: their presence changed (by their choice, or by a call: busy, wrap-up, available again). */
  'presence:changed': (e: { status: PresenceStatus; reason: PresenceReason; message?: string }) => void;
  /** Specialists: the whole waiting queue of the lines they cover, re-sent on every change. */
  'queue:snapshot': (e: { items: QueueItem[]; lines: CoveredLine[] }) => void;
  /** Specialists: a call starts ringing for you (alert the user). */
  'call:ring': (e: QueueItem) => void;
  /** Specialists: a call stops ringing for you (`taken_by_you` when you answered it). */
  'call:ring-stop': (e: { callId: string; reason: RingStopReason }) => void;
  /**
   * Parties of a call: its state or details changed (queue position, answered, ended, outcome
   * stored). Sent to every socket of both parties, the one whose request made the change too
   * (its acknowledgement carries the same view: applying both is safe).
   */
  'call:updated': (c: CallView) => void;
  /** Parties of a connected call: the other side's simple-peer signal. */
  'call:signal': (e: { callId: string; data: SignalData }) => void;
  /** Directory or line configuration changed (admin edit): refetch directory / covered lines. */
  'directory:changed': () => void;
}

/** Per-socket data the server keeps (socket.data). */
export interface SocketData {
  userId: string;
  sessionId: string;
  role: 'specialist' | 'caller' | 'admin';
}

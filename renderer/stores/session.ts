import { create } from 'zustand';
import type { IceServer, UserPublic } from '../../signaling/protocol.js';

/** Who is signed in, and the state of the connection. Actions live in app.ts (the wiring). */
export type SessionStatus =
  | 'starting' // reading the stored token
  | 'signed_out'
  | 'signing_in'
  | 'connecting' // token known, waiting for session:ready
  | 'online'
  | 'reconnecting';

export interface SessionState {
  status: SessionStatus;
  serverUrl: string;
  token: string | null;
  user: UserPublic | null;
  iceServers: IceServer[];
  /** serverTime − local time at the last session:ready, for ticking server timestamps. */
  clockOffsetMs: number;
  error: string | null;
}

export const useSession = create<SessionState>()(() => ({
  status: 'starting',
  serverUrl: '',
  token: null,
  user: null,
  iceServers: [],
  clockOffsetMs: 0,
  error: null,
}));

export function serverNow(): number {
  return Date.now() + useSession.getState().clockOffsetMs;
}

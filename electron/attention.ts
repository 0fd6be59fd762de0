import type { AttentionState } from './bridge-contract.js';

/**
 * What the shell shows for a ringing count and presence: window title, tray icon and tooltip,
 * badge, taskbar flash. Pure, so the wiring only copies these values onto Electron objects.
 */

export type Presence = AttentionState['presence'];

export const PRESENCE_LABEL: Record<Presence, string> = {
  offline: 'Signed out',
  available: 'Available',
  away: 'Away',
  busy: 'In a call',
  wrap_up: 'Wrap-up',
};

export interface AttentionView {
  title: string;
  tooltip: string;
  trayIcon: 'idle' | 'ringing';
  badgeCount: number;
  /** Flash the taskbar entry until the window is focused. */
  flash: boolean;
}

export function attentionView(state: AttentionState): AttentionView {
  const presence = PRESENCE_LABEL[state.presence];
  if (state.ringing > 0) {
    const calls = state.ringing === 1 ? '1 call ringing' : `${state.ringing} calls ringing`;
    return {
      title: `(${state.ringing}) Ringing — OnCall`,
      tooltip: `OnCall — ${calls}`,
      trayIcon: 'ringing',
      badgeCount: state.ringing,
      flash: true,
    };
  }
  return { title: `OnCall — ${presence}`, tooltip: `OnCall — ${presence}`, trayIcon: 'idle', badgeCount: 0, flash: false };
}

export const INITIAL_ATTENTION: AttentionState = { ringing: 0, presence: 'offline' };

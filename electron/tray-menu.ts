import type { MenuItemConstructorOptions } from 'electron';
import type { Presence } from './attention.js';
import type { TrayPresence } from './bridge-contract.js';

/**
 * The tray's context menu. Available / Away are offered only when the specialist chooses their own
 * presence (signed in, not in a call or wrap-up); the choice goes to the renderer, which asks the
 * server, so the server stays the one source of truth.
 */

/** Sent to the renderer on the bridge's tray-presence push channel. */
export type TrayPresenceChoice = TrayPresence;

export interface TrayMenuActions {
  showWindow(): void;
  choosePresence(choice: TrayPresenceChoice): void;
  quit(): void;
}

export function trayMenuTemplate(presence: Presence, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  const selectable = presence === 'available' || presence === 'away';
  return [
    { label: 'Show OnCall', click: () => actions.showWindow() },
    { type: 'separator' },
    {
      label: 'Available',
      type: 'radio',
      checked: presence === 'available',
      enabled: selectable,
      click: () => actions.choosePresence('available'),
    },
    {
      label: 'Away',
      type: 'radio',
      checked: presence === 'away',
      enabled: selectable,
      click: () => actions.choosePresence('away'),
    },
    { type: 'separator' },
    { label: 'Quit OnCall', click: () => actions.quit() },
  ];
}

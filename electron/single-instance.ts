/**
 * One OnCall per user session: a second launch hands over to the first, which comes forward,
 * and then quits. Two instances would double-ring and fight over the outbox file.
 */

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/** Returns false when another instance already runs (this one is quitting). */
export function claimSingleInstance(app: SingleInstanceApp, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusExisting());
  return true;
}

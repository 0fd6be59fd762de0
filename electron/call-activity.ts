/** Keeps the display awake while a call is connected (powerSaveBlocker 'prevent-display-sleep'). */

export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): boolean;
  isStarted(id: number): boolean;
}

export interface CallActivity {
  set(active: boolean): void;
  readonly active: boolean;
}

export function createCallActivity(blocker: PowerSaveBlockerLike): CallActivity {
  let blockerId: number | null = null;
  return {
    set(active) {
      if (active && (blockerId === null || !blocker.isStarted(blockerId))) {
        blockerId = blocker.start('prevent-display-sleep');
      } else if (!active && blockerId !== null) {
        if (blocker.isStarted(blockerId)) blocker.stop(blockerId);
        blockerId = null;
      }
    },
    get active() {
      return blockerId !== null && blocker.isStarted(blockerId);
    },
  };
}

import { useEffect } from 'react';
import { firstRinging } from '../../logic/queue.js';
import { shortcutFor } from '../../logic/shortcuts.js';
import { isFinished, useCall } from '../../stores/call.js';
import { useQueue } from '../../stores/queue.js';
import { useSession } from '../../stores/session.js';

/** A = answer the first call ringing for you, M = mute, H = hang up (never while typing). */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        repeat: e.repeat,
        target: e.target instanceof HTMLElement ? (e.target as HTMLInputElement) : null,
      });
      if (!action) return;
      const call = useCall.getState();
      const active = call.view && !isFinished(call.view) ? call.view : null;
      if (action === 'answer') {
        if (active || useSession.getState().user?.role !== 'specialist') return;
        const item = firstRinging(useQueue.getState().items);
        if (!item) return;
        e.preventDefault();
        void call.answer(item.callId);
      } else if (active?.state === 'connected') {
        e.preventDefault();
        if (action === 'mute') call.toggleMute();
        else void call.hangup();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

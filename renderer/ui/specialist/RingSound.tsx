import { useEffect, useRef } from 'react';
import ringUrl from '../../../assets/ring.wav';
import { isFinished, useCall } from '../../stores/call.js';
import { ringingItems, useQueue } from '../../stores/queue.js';
import { useSettings } from '../../stores/settings.js';

/**
 * Loops the ring sound while a call rings for this specialist and they are not in a call, or while
 * a test ring (Settings) plays. The volume follows the settings store, so a change applies at once.
 */
export function RingSound() {
  const ringing = useQueue((s) => ringingItems(s).length > 0);
  const inCall = useCall((s) => s.view !== null && !isFinished(s.view));
  const volume = useSettings((s) => s.ringVolume);
  const testRun = useSettings((s) => s.testRun);
  const play = (ringing && !inCall) || testRun > 0;
  const ref = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    if (ref.current) ref.current.volume = volume;
  }, [volume]);

  // A new test run restarts the sound from the beginning.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (play) {
      el.currentTime = 0;
      void el.play().catch(() => undefined);
    } else {
      el.pause();
    }
  }, [play, testRun]);

  return <audio ref={ref} src={ringUrl} loop preload="auto" data-testid="ring-sound" />;
}

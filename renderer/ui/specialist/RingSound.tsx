import { useEffect, useRef, useState } from 'react';
import ringUrl from '../../../assets/ring.wav';
import { platform } from '../../platform/index.js';
import { isFinished, useCall } from '../../stores/call.js';
import { ringingItems, useQueue } from '../../stores/queue.js';

/** Loops the ring sound while a call rings for this specialist and they are not in a call. */
export function RingSound() {
  const ringing = useQueue((s) => ringingItems(s).length > 0);
  const inCall = useCall((s) => s.view !== null && !isFinished(s.view));
  const ref = useRef<HTMLAudioElement>(null);
  const [volume, setVolume] = useState(0.8);

  useEffect(() => {
    void platform()
      .settings.get()
      .then((s) => setVolume(s.ringVolume))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.volume = volume;
    if (ringing && !inCall) {
      el.currentTime = 0;
      void el.play().catch(() => undefined);
    } else {
      el.pause();
    }
  }, [ringing, inCall, volume]);

  return <audio ref={ref} src={ringUrl} loop preload="auto" data-testid="ring-sound" />;
}

import { useEffect, useRef, useState, type RefObject } from 'react';
import { fetchPhotoUrl } from '../../net/http.js';
import { useSession } from '../../stores/session.js';

/** Re-renders every `ms` with the current local time (for ticking timers). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** A photo fetched with the session token as a blob URL, revoked when no longer shown. */
export function usePhotoUrl(photoId: string | null): { url: string | null; error: string | null } {
  const serverUrl = useSession((s) => s.serverUrl);
  const token = useSession((s) => s.token);
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    if (!photoId || !token) return;
    let url: string | null = null;
    let live = true;
    fetchPhotoUrl(serverUrl, token, photoId).then(
      (u) => {
        url = u;
        if (live) setState({ url: u, error: null });
        else URL.revokeObjectURL(u);
      },
      (err: unknown) => live && setState({ url: null, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
      setState({ url: null, error: null });
    };
  }, [photoId, serverUrl, token]);
  return state;
}

/**
 * Moves keyboard focus to the returned ref's element when it appears (or when `when` becomes
 * true), so a screen that replaces another (answer, hang-up, save) does not drop focus on <body>.
 */
export function useFocusOnMount<T extends HTMLElement>(when = true): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [when]);
  return ref;
}

import type { SessionReady } from '../../signaling/protocol.js';
import * as conn from '../net/connection.js';
import { signInRequest, signOutRequest } from '../net/http.js';
import { platform } from '../platform/index.js';
import { startAlerts } from './alerts.js';
import { useCall } from './call.js';
import { useDirectory } from './directory.js';
import { useHistory } from './history.js';
import { unsentCount } from './outbox.js';
import { outboxStore } from './outcomes.js';
import { usePresence } from './presence.js';
import { useQueue } from './queue.js';
import { useSession } from './session.js';
import { settingsStore } from './settings.js';

/**
 * The wiring: sign-in, the socket's lifecycle, and server events routed into the stores.
 * The outbox is flushed at start and on every session:ready (each (re)connect).
 */
let listening = false;
/** Set before the reload that follows a change of server address; holds the username to prefill. */
export const SERVER_CHANGED_KEY = 'oncall.server-changed';

function listenOnce(): void {
  if (listening) return;
  listening = true;
  conn.listen('presence:changed', (e) => usePresence.getState().applyServer(e.status, e.reason, e.message));
  conn.listen('queue:snapshot', (e) => useQueue.getState().snapshot(e.items, e.lines));
  conn.listen('call:ring', (item) => useQueue.getState().ring(item));
  conn.listen('call:ring-stop', (e) => useQueue.getState().ringStop(e.callId, e.reason));
  conn.listen('call:updated', (view) => useCall.getState().onUpdated(view));
  conn.listen('call:signal', (e) => useCall.getState().onSignal(e.callId, e.data));
  conn.listen('directory:changed', () => {
    if (useSession.getState().user?.role === 'caller') void useDirectory.getState().load();
  });
  conn.listen('session:ended', (e) => {
    void endSession(
      e.reason === 'expired' ? 'Your session expired. Please sign in again.' : 'You were signed out. Please sign in again.',
    );
  });
  startAlerts();
  platform().onTrayPresence((status) => void usePresence.getState().choose(status));
}

async function onReady(ready: SessionReady): Promise<void> {
  useSession.setState({
    status: 'online',
    user: ready.user,
    iceServers: ready.iceServers,
    clockOffsetMs: ready.serverTime - Date.now(),
    error: null,
  });
  usePresence.getState().resume(ready.presence);
  outboxStore.getState().setAuthor(ready.user.id);
  void outboxStore.getState().flush({ includeRejected: true });

  const call = useCall.getState();
  if (ready.activeCall) call.resume(ready.activeCall, true);
  else if (call.view) {
    // Our call finished while we were away: fetch how it ended.
    await conn
      .request('call:get', { callId: call.view.id })
      .then((v) => useCall.getState().onUpdated(v))
      .catch(() => undefined);
  }
  if (ready.user.role === 'specialist') {
    useQueue.setState({ lines: ready.coveredLines });
    await conn
      .request('queue:list', {})
      .then((items) => useQueue.getState().snapshot(items))
      .catch(() => undefined);
  } else if (ready.user.role === 'caller') {
    void useDirectory.getState().load();
  }
}

function openConnection(serverUrl: string, token: string): void {
  listenOnce();
  conn.connect(serverUrl, token, {
    onReady: (ready) => void onReady(ready),
    onDown: () => {
      const s = useSession.getState();
      if (s.status === 'online') useSession.setState({ status: 'reconnecting' });
    },
    onUnauthorized: () => void endSession('Your session is no longer valid. Please sign in again.'),
  });
}

/** App start: load the outbox and settings, then reconnect with a stored token if there is one. */
export async function startApp(): Promise<void> {
  const p = platform();
  const [serverUrl, settings] = await Promise.all([p.serverUrl(), p.settings.get()]);
  useCall.setState({ inputDeviceId: settings.audioInputId, outputDeviceId: settings.audioOutputId });
  settingsStore.getState().adopt(settings);
  await outboxStore.getState().load().catch(() => undefined);
  const token = await p.token.get().catch(() => null);
  useSession.setState({ serverUrl, token, status: token ? 'connecting' : 'signed_out' });
  if (token) openConnection(serverUrl, token);
}

export async function signIn(serverUrl: string, username: string, password: string): Promise<void> {
  const url = serverUrl.trim().replace(/\/+$/, '');
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    useSession.setState({ status: 'signed_out', error: 'Enter the server address, e.g. https://oncall.example.org' });
    return;
  }
  useSession.setState({ status: 'signing_in', error: null });
  try {
    if (platform().canChooseServer && url !== useSession.getState().serverUrl) {
      // The desktop's CSP names the configured server, and is fixed when the page loads: save the
      // new address and reload so the page may reach it. The password is asked for again.
      await platform().settings.set({ serverUrl: url });
      sessionStorage.setItem(SERVER_CHANGED_KEY, username);
      window.location.reload();
      return;
    }
    const res = await signInRequest(url, username, password);
    await platform().token.set(res.token);
    useSession.setState({ status: 'connecting', serverUrl: url, token: res.token, user: res.user });
    outboxStore.getState().setAuthor(res.user.id);
    openConnection(url, res.token);
  } catch (err) {
    useSession.setState({ status: 'signed_out', error: err instanceof Error ? err.message : String(err) });
  }
}

/** Local end of a session; the outbox is kept (this user's outcomes are flushed when they sign in again). */
async function endSession(error: string | null): Promise<void> {
  conn.disconnect();
  await platform().token.set(null).catch(() => undefined);
  useCall.getState().reset();
  useQueue.getState().reset();
  usePresence.getState().reset();
  useDirectory.getState().reset();
  useHistory.getState().reset();
  outboxStore.getState().setAuthor(null); // the next user neither sends nor sees this one's outcomes
  useSession.setState({ status: 'signed_out', token: null, user: null, error });
}

/**
 * Signs out. Outcomes not yet on the server get one more send while the session still works; any
 * left stay on this device, sent only when this user signs in here again, so the user is asked first
 * (`confirmUnsent`; false keeps them signed in). Resolves whether it signed out.
 */
export async function signOut(confirmUnsent: (count: number) => boolean = () => true): Promise<boolean> {
  await outboxStore.getState().flush().catch(() => undefined);
  const unsent = unsentCount(outboxStore.getState());
  if (unsent > 0 && !confirmUnsent(unsent)) return false;
  const { serverUrl, token } = useSession.getState();
  if (token) await signOutRequest(serverUrl, token);
  await endSession(null);
  return true;
}

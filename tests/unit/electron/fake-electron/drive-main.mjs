// Loads the built main process (argv[2]) against the fake electron, plays the renderer and the
// user through the recorded handlers, and prints what the shell did as JSON for the test.
import { pathToFileURL } from 'node:url';

const APP_FRAME = { url: 'app://oncall/index.html', parent: null };
const EVIL_FRAME = { url: 'https://evil.example/', parent: null };
await import(pathToFileURL(process.argv[2]).href);
const rec = globalThis.__electronFake;
for (let i = 0; i < 500 && !rec.windows[0]?.loadedUrl; i++) await new Promise((r) => setTimeout(r, 10));
const win = rec.windows[0];
const invoke = async (frame, channel, ...args) => {
  try {
    return { ok: true, value: await rec.ipcHandlers.get(channel)({ senderFrame: frame }, ...args) };
  } catch (err) {
    return { ok: false, error: String(err.message) };
  }
};

const obs = {};
obs.privileged = rec.privileged;
obs.privilegedBeforeReady = rec.readyWhenPrivileged === false;
obs.sandboxEnabledBeforeReady = rec.sandboxEnabledBeforeReady === true;
obs.userData = rec.paths.userData;
obs.loadedUrl = win.loadedUrl;
obs.webPreferences = win.options.webPreferences;
obs.channels = [...rec.ipcHandlers.keys()].sort();

win.emit('ready-to-show');
obs.shownOnReady = win.actions.includes('show');

obs.settings = await invoke(APP_FRAME, 'oncall:settings:get');
obs.evilSettings = await invoke(EVIL_FRAME, 'oncall:settings:get');
obs.badPatch = await invoke(APP_FRAME, 'oncall:settings:set', { ringVolume: 9 });

const item = {
  kind: 'advice',
  queuedAt: 1700000000000,
  payload: { outcomeId: '0b6f4c1e-8d2a-4c3b-9e5f-1a2b3c4d5e6f', callId: 'call-1', code: 'URGENT_REFERRAL', enteredAt: 1700000000000 },
};
obs.put = await invoke(APP_FRAME, 'oncall:outbox:put', item);
obs.tokenSet = await invoke(APP_FRAME, 'oncall:token:set', 'sess_secret_token_value');
obs.tokenGet = await invoke(APP_FRAME, 'oncall:token:get');

const handler = rec.protocolHandlers.get('app');
const res = await handler(new Request('app://oncall/'));
obs.page = { status: res.status, csp: res.headers.get('content-security-policy'), body: await res.text() };
obs.traversal = (await handler(new Request('app://oncall/..%2f..%2fpackage.json'))).status;

obs.permission = {
  audio: await new Promise((r) => rec.permission.request({}, 'media', r, { requestingUrl: 'app://oncall/index.html', mediaTypes: ['audio'] })),
  video: await new Promise((r) => rec.permission.request({}, 'media', r, { requestingUrl: 'app://oncall/index.html', mediaTypes: ['video'] })),
  evil: await new Promise((r) => rec.permission.request({}, 'media', r, { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] })),
  checkAudio: rec.permission.check({}, 'media', 'app://oncall', { mediaType: 'audio' }),
  device: rec.permission.device({}),
};

let prevented = false;
win.webContents.emit('will-frame-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) });
obs.navigationBlocked = prevented;
obs.windowOpen = win.webContents.openHandler({ url: 'https://www.nice.org.uk/' });
obs.openedExternally = [...rec.opened];
obs.webviewBlocked = (() => {
  let p = false;
  win.webContents.emit('will-attach-webview', { preventDefault: () => (p = true) }, {}, {});
  return p;
})();

await invoke(APP_FRAME, 'oncall:attention', { ringing: 2, presence: 'available' });
const tray = rec.trays[0];
obs.ringing = { title: win.title, trayImage: tray.image.path, tooltip: tray.tooltip, badge: rec.badge, flashing: win.flashing };
obs.trayMenuLabels = tray.menu.template.filter((i) => i.label).map((i) => `${i.label}${i.checked ? '*' : ''}`);
tray.menu.template.find((i) => i.label === 'Away').click();
obs.traySent = win.webContents.sent;

await invoke(APP_FRAME, 'oncall:notify-ring', { callId: 'call-1', title: 'Cardiology call', body: 'Dr Wright' });
const n = rec.notifications[0];
obs.notification = { options: { ...n.options, icon: typeof n.options.icon }, shown: n.shown };
win.actions.length = 0;
win.visible = false;
n.emit('click');
obs.clickActions = [...win.actions];
await invoke(APP_FRAME, 'oncall:clear-ring', 'call-1');

await invoke(APP_FRAME, 'oncall:call-active', true);
obs.blockers = [...rec.blockers];

win.actions.length = 0;
let closePrevented = false;
win.emit('close', { preventDefault: () => (closePrevented = true) });
obs.closeWhileSignedIn = { prevented: closePrevented, actions: [...win.actions] };

win.actions.length = 0;
rec.app.emit('second-instance', {}, [], '');
obs.secondInstanceActions = [...win.actions];

obs.serverChange = await invoke(APP_FRAME, 'oncall:settings:set', { serverUrl: 'https://oncall.example.nhs.uk' });
await new Promise((r) => setTimeout(r, 300));
obs.reloadedAfterServerChange = win.webContents.reloads;
const res2 = await handler(new Request('app://oncall/'));
obs.cspAfterChange = res2.headers.get('content-security-policy');

process.stdout.write(JSON.stringify(obs));
process.exit(0);

import { platform } from '../../platform/index.js';
import { useSession } from '../../stores/session.js';
import { useSettings } from '../../stores/settings.js';
import { DevicePicker } from '../common/DevicePicker.js';

/**
 * Settings kept on this computer: ring volume, default audio devices, (desktop) start minimised,
 * and the server address for reference. Every change is saved at once; the announcer says "Saved".
 */
export function Settings() {
  const { ringVolume, startMinimised, saveStatus, error, save, reportSave, testRing } = useSettings((s) => s);
  const serverUrl = useSession((s) => s.serverUrl);
  const desktop = platform().kind === 'desktop';
  const percent = Math.round(ringVolume * 100);

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <p className="muted">
        Kept on this computer. Changes are saved as you make them.{' '}
        {saveStatus === 'saved' && (
          <strong className="saved" data-testid="settings-saved">
            Saved
          </strong>
        )}
      </p>
      {error && <p className="error">{error}</p>}

      <h3>Ringing</h3>
      <div className="settings-row">
        <label className="settings-label" htmlFor="ring-volume">
          Ring volume
        </label>
        <input
          id="ring-volume"
          type="range"
          min={0}
          max={100}
          step={5}
          value={percent}
          aria-valuetext={`${percent} %`}
          onChange={(e) => void save({ ringVolume: Number(e.target.value) / 100 })}
          data-testid="ring-volume"
        />
        {/* The slider's value text already tells assistive technology; this is the visible copy. */}
        <span className="volume-value" aria-hidden="true" data-testid="ring-volume-value">
          {percent} %
        </span>
        <button type="button" className="btn" onClick={testRing} data-testid="test-ring">
          Test ring
        </button>
      </div>

      <h3>Audio for calls</h3>
      <p className="muted small-text">Used from your next call. During a call you can also change them on the call screen.</p>
      <DevicePicker onSaved={reportSave} />

      {desktop && (
        <>
          <h3>Start-up</h3>
          <label className="check">
            <input type="checkbox" checked={startMinimised} onChange={(e) => void save({ startMinimised: e.target.checked })} />
            Start minimised to the tray
          </label>
        </>
      )}

      <h3>Server</h3>
      <div className="field">
        <label htmlFor="server-address">Server address</label>
        <input id="server-address" className="readonly" type="text" readOnly value={serverUrl} aria-describedby="server-help" />
      </div>
      <p id="server-help" className="muted small-text">
        {desktop
          ? 'To use a different server, sign out and change the address on the sign-in screen.'
          : 'This is the address of this page. To use a different server, open OnCall from that address.'}
      </p>
    </section>
  );
}

import { useEffect, useState } from 'react';
import { canChooseOutput, listAudioDevices, type AudioDevices } from '../../call/media.js';
import { useCall } from '../../stores/call.js';

/**
 * Microphone and speaker choice; remembered in the platform settings. `onSaved` hears whether the
 * choice was saved (null) or why not.
 */
export function DevicePicker({ onSaved }: { onSaved?: (error: string | null) => void } = {}) {
  const inputId = useCall((s) => s.inputDeviceId);
  const outputId = useCall((s) => s.outputDeviceId);
  const setDevices = useCall((s) => s.setDevices);
  const choose = (patch: Parameters<typeof setDevices>[0]) => void setDevices(patch).then((error) => onSaved?.(error));
  const [devices, setList] = useState<AudioDevices>({ inputs: [], outputs: [] });

  useEffect(() => {
    const refresh = () => void listAudioDevices().then(setList);
    refresh();
    navigator.mediaDevices?.addEventListener('devicechange', refresh);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', refresh);
  }, []);

  const name = (d: MediaDeviceInfo, i: number, kind: string) => d.label || `${kind} ${i + 1}`;
  return (
    <div className="devices">
      <label className="field field-inline">
        <span>Microphone</span>
        <select value={inputId ?? ''} onChange={(e) => choose({ inputDeviceId: e.target.value || null })}>
          <option value="">System default</option>
          {devices.inputs
            .filter((d) => d.deviceId && d.deviceId !== 'default')
            .map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {name(d, i, 'Microphone')}
              </option>
            ))}
        </select>
      </label>
      {canChooseOutput() && (
        <label className="field field-inline">
          <span>Speaker</span>
          <select value={outputId ?? ''} onChange={(e) => choose({ outputDeviceId: e.target.value || null })}>
            <option value="">System default</option>
            {devices.outputs
              .filter((d) => d.deviceId && d.deviceId !== 'default')
              .map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {name(d, i, 'Speaker')}
                </option>
              ))}
          </select>
        </label>
      )}
    </div>
  );
}

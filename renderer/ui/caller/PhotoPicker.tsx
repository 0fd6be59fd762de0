import { useEffect, useState } from 'react';
import { PHOTO_TYPES } from '../../../signaling/protocol.js';
import { checkPhotoFile, uploadPhoto } from '../../net/http.js';
import { useSession } from '../../stores/session.js';

export type PhotoState =
  | { kind: 'none' }
  | { kind: 'uploading'; preview: string }
  | { kind: 'attached'; preview: string; photoId: string }
  | { kind: 'error'; message: string };

/** Optional photo: checked here (type, size), uploaded at once so a bad file is reported at once. */
export function PhotoPicker({ state, onChange }: { state: PhotoState; onChange(s: PhotoState): void }) {
  const serverUrl = useSession((s) => s.serverUrl);
  const token = useSession((s) => s.token);
  const [inputKey, setInputKey] = useState(0);
  const preview = state.kind === 'uploading' || state.kind === 'attached' ? state.preview : null;

  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  const choose = async (file: File | undefined) => {
    if (!file) return onChange({ kind: 'none' });
    const problem = checkPhotoFile(file);
    if (problem) return onChange({ kind: 'error', message: problem });
    if (!token) return onChange({ kind: 'error', message: 'Not signed in.' });
    const url = URL.createObjectURL(file);
    onChange({ kind: 'uploading', preview: url });
    try {
      const up = await uploadPhoto(serverUrl, token, file);
      onChange({ kind: 'attached', preview: url, photoId: up.photoId });
    } catch (err) {
      onChange({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const clear = () => {
    onChange({ kind: 'none' });
    setInputKey((k) => k + 1);
  };

  return (
    <div className="photo-picker">
      <label className="field">
        <span>Photo (optional) — e.g. ECG trace or rash. JPEG or PNG, up to 8 MB. Do not include the patient’s face or name.</span>
        <input
          key={inputKey}
          type="file"
          accept={PHOTO_TYPES.join(',')}
          onChange={(e) => void choose(e.target.files?.[0])}
          data-testid="photo-input"
        />
      </label>
      {state.kind === 'error' && (
        <p className="error" role="alert" data-testid="photo-error">
          {state.message}
        </p>
      )}
      {preview && (
        <div className="photo-preview">
          <img src={preview} alt="Preview of the attached photo" />
          <div>
            <p role="status" className={state.kind === 'attached' ? 'ok' : 'muted'} data-testid="photo-status">
              {state.kind === 'uploading' ? 'Uploading…' : 'Attached'}
            </p>
            <button type="button" className="btn btn-quiet" onClick={clear}>
              Remove photo
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** Microphone capture and audio device lists. */
export async function openMicrophone(deviceId: string | null): Promise<MediaStream> {
  const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  if (deviceId) audio.deviceId = { exact: deviceId };
  try {
    return await navigator.mediaDevices.getUserMedia({ audio, video: false });
  } catch (err) {
    // The chosen device may have been unplugged: fall back to the default microphone.
    if (deviceId && err instanceof DOMException && err.name === 'OverconstrainedError') return openMicrophone(null);
    throw err;
  }
}

export interface AudioDevices {
  inputs: MediaDeviceInfo[];
  outputs: MediaDeviceInfo[];
}

export async function listAudioDevices(): Promise<AudioDevices> {
  const all = await navigator.mediaDevices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
  return {
    inputs: all.filter((d) => d.kind === 'audioinput'),
    outputs: all.filter((d) => d.kind === 'audiooutput'),
  };
}

/** setSinkId exists in Chromium/Electron; elsewhere output follows the system default. */
export function canChooseOutput(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

export function micErrorMessage(err: unknown): string {
  if (err instanceof DOMException) {
    if (err.name === 'NotAllowedError') return 'Microphone access was refused. Allow it for OnCall and try again.';
    if (err.name === 'NotFoundError') return 'No microphone was found.';
    if (err.name === 'NotReadableError') return 'The microphone is in use by another application.';
  }
  return 'The microphone could not be opened.';
}

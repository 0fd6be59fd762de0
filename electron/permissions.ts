import { isAppUrl } from './app-origin.js';

/**
 * Permission policy for the default session: the app's own origin may capture audio (microphone)
 * and choose the audio output device. Everything else, and every other origin, is refused.
 */

/** The parts of Electron's permission request details this policy reads. */
export interface PermissionRequestInfo {
  requestingUrl?: string;
  securityOrigin?: string;
  mediaTypes?: ReadonlyArray<'audio' | 'video'>;
}

/** The parts of Electron's permission check details this policy reads. */
export interface PermissionCheckInfo {
  securityOrigin?: string;
  mediaType?: 'audio' | 'video' | 'unknown';
}

function fromApp(...origins: (string | undefined)[]): boolean {
  const named = origins.filter((o): o is string => o !== undefined && o !== '');
  return named.length > 0 && named.every((o) => isAppUrl(o));
}

export function allowPermissionRequest(permission: string, details: PermissionRequestInfo): boolean {
  if (!fromApp(details.requestingUrl, details.securityOrigin)) return false;
  if (permission === 'speaker-selection') return true;
  if (permission === 'media') {
    const types = details.mediaTypes ?? [];
    return types.length > 0 && types.every((t) => t === 'audio');
  }
  return false;
}

export function allowPermissionCheck(permission: string, requestingOrigin: string, details: PermissionCheckInfo): boolean {
  if (!fromApp(requestingOrigin, details.securityOrigin)) return false;
  if (permission === 'speaker-selection') return true;
  if (permission === 'media') return details.mediaType === 'audio';
  return false;
}

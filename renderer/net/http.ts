import {
  API,
  PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  type HttpErrorBody,
  type PhotoUploaded,
  type SignInResponse,
} from '../../signaling/protocol.js';

/** The HTTP side of the API: sign-in, photo upload and authenticated photo fetch. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function failure(res: Response, fallback: string): Promise<HttpError> {
  const body = (await res.json().catch(() => null)) as HttpErrorBody | null;
  return new HttpError(res.status, body?.error?.message ?? `${fallback} (HTTP ${res.status})`);
}

async function send(url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw new HttpError(0, `${what}: the server cannot be reached`);
  }
}

export async function signInRequest(serverUrl: string, username: string, password: string): Promise<SignInResponse> {
  const res = await send(
    serverUrl + API.signIn,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) },
    'Sign-in',
  );
  if (!res.ok) throw await failure(res, 'Sign-in failed');
  return (await res.json()) as SignInResponse;
}

export async function signOutRequest(serverUrl: string, token: string): Promise<void> {
  await send(serverUrl + API.signOut, { method: 'POST', headers: { authorization: `Bearer ${token}` } }, 'Sign-out').catch(
    () => undefined,
  );
}

/** A client-side check before upload, so a wrong file gets a clear message at once. */
export function checkPhotoFile(file: { type: string; size: number }): string | null {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return 'Only JPEG or PNG photos can be attached.';
  if (file.size > PHOTO_MAX_BYTES) {
    return `The photo is too large (${(file.size / 1048576).toFixed(1)} MB); the limit is ${PHOTO_MAX_BYTES / 1048576} MB.`;
  }
  if (file.size === 0) return 'The file is empty.';
  return null;
}

export async function uploadPhoto(serverUrl: string, token: string, file: File): Promise<PhotoUploaded> {
  const form = new FormData();
  form.append('photo', file, file.name);
  const res = await send(
    serverUrl + API.photos,
    { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form },
    'Photo upload',
  );
  if (!res.ok) throw await failure(res, 'The photo could not be uploaded');
  return (await res.json()) as PhotoUploaded;
}

/** Fetches a photo with the session token (an <img src> cannot send it) as a blob URL. */
export async function fetchPhotoUrl(serverUrl: string, token: string, photoId: string): Promise<string> {
  const res = await send(
    `${serverUrl}${API.photos}/${encodeURIComponent(photoId)}`,
    { headers: { authorization: `Bearer ${token}` } },
    'Photo',
  );
  if (!res.ok) throw await failure(res, 'The photo could not be loaded');
  return URL.createObjectURL(await res.blob());
}

import type { HttpErrorBody, ProtocolError } from '../../signaling/protocol.js';
import { HttpError } from '../net/http.js';
import { useSession } from '../stores/session.js';

/**
 * Authenticated JSON calls to the admin and reports API with the session's Bearer token.
 * (renderer/net/http.ts covers sign-in and photos only; this adds the generic verbs.)
 */
export class ApiError extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly issues: NonNullable<ProtocolError['issues']> = [],
  ) {
    super(status, message);
  }
}

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const { serverUrl, token } = useSession.getState();
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(serverUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'The server cannot be reached.');
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as HttpErrorBody | null;
    throw new ApiError(res.status, err?.error?.message ?? `Request failed (HTTP ${res.status})`, err?.error?.issues);
  }
  return res;
}

export async function apiJson<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown): Promise<T> {
  return (await (await call(method, path, body)).json()) as T;
}

/** Fetches a file with the token (a plain link cannot send it) and hands it to the browser as a download. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const blob = await (await call('GET', path)).blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

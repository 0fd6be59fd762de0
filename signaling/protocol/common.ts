import { z } from 'zod';

/** Every timestamp on the wire is epoch milliseconds (UTC). */
export const EpochMs = z.number().int().nonnegative();
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'id: letters, digits, _ and - only');
export const ClientUuid = z.uuid();

export const Role = z.enum(['specialist', 'caller', 'admin']);
export type Role = z.infer<typeof Role>;

export const ErrorCode = z.enum([
  'bad_request', // payload failed schema validation
  'unauthorized', // no / expired / revoked session
  'forbidden', // signed in, but not allowed to touch this
  'not_found',
  'already_taken', // another specialist accepted first
  'invalid_state', // e.g. accepting a call that is no longer waiting
  'wrap_up_required', // specialist must record an outcome first
  'rate_limited',
  'locked', // too many failed sign-ins
  'too_large',
  'unsupported_media',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  /** Field-level problems from schema validation, for bad_request. */
  issues?: { path: string; message: string }[];
}

/** Every socket.io request is answered through an acknowledgement of this shape. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };
export type AckFn<T> = (res: Ack<T>) => void;

/** Body of every non-2xx HTTP response. */
export interface HttpErrorBody {
  error: ProtocolError;
}

/** How long a client waits for an acknowledgement before treating the request as failed. */
export const ACK_TIMEOUT_MS = 8000;

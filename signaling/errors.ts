import type { ErrorCode, ProtocolError } from './protocol.js';

/** A refusal the client should see as-is (error ack / HTTP error body). Anything else is `internal`. */
export class Failure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ProtocolError['issues'],
  ) {
    super(message);
  }

  toProtocol(): ProtocolError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  already_taken: 409,
  invalid_state: 409,
  wrap_up_required: 409,
  rate_limited: 429,
  locked: 429,
  too_large: 413,
  unsupported_media: 415,
  internal: 500,
};

/** zod issues → the protocol's field list. */
export function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): { path: string; message: string }[] {
  return issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

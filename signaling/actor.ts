/** Who is asking: taken from the authenticated socket or HTTP session, never from a payload. */
export interface Actor {
  userId: string;
  sessionId: string;
}

import { createHmac } from 'node:crypto';
import type { IceServer } from './protocol.js';

export interface IceConfig {
  stunUrls: string[];
  turnUrls: string[];
  turnSecret?: string | undefined;
}

/** How long TURN credentials stay valid (coturn checks the expiry in the username). */
export const TURN_CREDENTIAL_TTL_SEC = 12 * 3600;

/** coturn TURN REST credentials: username `expiry:userId`, password base64(HMAC-SHA1(secret, username)). */
export function turnCredentials(secret: string, userId: string, nowMs: number, ttlSec = TURN_CREDENTIAL_TTL_SEC): { username: string; credential: string } {
  const username = `${Math.floor(nowMs / 1000) + ttlSec}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** The ICE servers one session gets: STUN as configured, TURN only when a secret is set. */
export function iceServersFor(cfg: IceConfig, userId: string, nowMs: number): IceServer[] {
  const servers: IceServer[] = [];
  if (cfg.stunUrls.length) servers.push({ urls: cfg.stunUrls });
  if (cfg.turnUrls.length && cfg.turnSecret) servers.push({ urls: cfg.turnUrls, ...turnCredentials(cfg.turnSecret, userId, nowMs) });
  return servers;
}

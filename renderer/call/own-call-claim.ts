/**
 * Which call's audio this screen carries, for which user, kept per tab (sessionStorage) so a
 * reload keeps it.
 *
 * A browser's "Duplicate tab" copies sessionStorage, claim included: the copy would start a second
 * peer on the same side of the call, and a second offer (or an answer with no offer) breaks the
 * call's audio. So a claim read back at load is first put to the other tabs of this origin
 * (BroadcastChannel): if one of them carries that call for the same user, this tab is the copy and
 * lets the claim go. (The other party of the call may be signed in, in another tab of the same
 * browser: their claim is to the same call, but as another user, and does not count.) Until that
 * is settled (`settled`, at most `askForMs`), `current()` is PENDING.
 *
 * Known limit: two tabs loading with the same claim at once (the original reloaded while its copy
 * opens) cannot tell which is the copy. Only a tab whose claim is settled answers, so both keep it,
 * both start a peer on the same side, and the call's audio fails (the call ends as if hung up).
 */

interface Claim {
  callId: string;
  userId: string;
}
type Message = ({ type: 'who-carries' } | { type: 'i-carry' }) & Claim;

export interface ClaimChannel {
  postMessage(m: Message): void;
  onmessage: ((e: { data: unknown }) => void) | null;
}

export interface ClaimDeps {
  /** sessionStorage, or null where there is none (unit tests): the claim then lives in memory only. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** null where BroadcastChannel is missing: nothing to ask, the stored claim stands. */
  channel: ClaimChannel | null;
  askForMs: number;
}

export const CLAIM_KEY = 'oncall.own-call';
export const CLAIM_CHANNEL = 'oncall.own-call';
export const CLAIM_ASK_MS = 250;

export const PENDING = Symbol('pending');

const same = (a: Claim | null, b: Partial<Claim> | null) => !!a && !!b && a.callId === b.callId && a.userId === b.userId;

export class OwnCallClaim {
  private claim: Claim | null;
  private checking: boolean;
  private finishCheck: () => void = () => undefined;
  /** Resolves once a claim read back at load has been checked with the other tabs. */
  readonly settled: Promise<void>;

  constructor(private readonly deps: ClaimDeps) {
    this.claim = read(deps.storage);
    const asked = this.claim;
    this.checking = asked !== null && deps.channel !== null;
    if (deps.channel) deps.channel.onmessage = (e) => this.onMessage(e.data, asked);
    this.settled = !this.checking
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          this.finishCheck = () => {
            this.checking = false;
            this.finishCheck = () => undefined;
            resolve();
          };
          setTimeout(() => this.finishCheck(), deps.askForMs);
          deps.channel!.postMessage({ type: 'who-carries', ...asked! });
        });
  }

  /** The call this screen carries, null, or PENDING while a claim read back at load is being checked. */
  current(): string | null | typeof PENDING {
    return this.checking ? PENDING : (this.claim?.callId ?? null);
  }

  /** This screen carries `callId` for `userId` (the signed-in user), or nothing. */
  set(claim: Claim | null): void {
    this.claim = claim;
    this.finishCheck(); // a claim made here and now is this tab's own, whatever the check would say
    this.write();
  }

  private onMessage(data: unknown, asked: Claim | null): void {
    const m = data as Partial<Message> | null;
    if (!m || typeof m.callId !== 'string' || typeof m.userId !== 'string') return;
    if (m.type === 'who-carries' && !this.checking && same(this.claim, m)) {
      this.deps.channel!.postMessage({ type: 'i-carry', callId: m.callId, userId: m.userId });
    } else if (m.type === 'i-carry' && this.checking && same(asked, m)) {
      this.claim = null;
      this.write();
      this.finishCheck();
    }
  }

  private write(): void {
    try {
      if (this.claim) this.deps.storage?.setItem(CLAIM_KEY, JSON.stringify(this.claim));
      else this.deps.storage?.removeItem(CLAIM_KEY);
    } catch {
      // storage full or blocked: the claim still holds in memory for this page
    }
  }
}

/** The stored claim; one from before claims named their user (a bare call id) is kept, unchecked. */
function read(storage: ClaimDeps['storage']): Claim | null {
  try {
    const raw = storage?.getItem(CLAIM_KEY) ?? null;
    if (raw === null) return null;
    if (!raw.startsWith('{')) return { callId: raw, userId: '' };
    const c = JSON.parse(raw) as Partial<Claim>;
    return typeof c.callId === 'string' && typeof c.userId === 'string' ? { callId: c.callId, userId: c.userId } : null;
  } catch {
    return null;
  }
}

/** The claim for this page: sessionStorage and a BroadcastChannel where the platform has them. */
export function pageOwnCallClaim(): OwnCallClaim {
  let storage: ClaimDeps['storage'] = null;
  try {
    storage = sessionStorage;
  } catch {
    // none (unit tests)
  }
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CLAIM_CHANNEL) : null;
  (channel as { unref?: () => void } | null)?.unref?.(); // Node's (unit tests) would otherwise keep the process alive
  return new OwnCallClaim({ storage, channel: channel as ClaimChannel | null, askForMs: CLAIM_ASK_MS });
}

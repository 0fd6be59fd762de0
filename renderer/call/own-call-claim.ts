/**
 * Which call's audio this screen carries, kept per tab (sessionStorage) so a reload keeps it.
 *
 * A browser's "Duplicate tab" copies sessionStorage, claim included: the copy would start a second
 * peer on the same side of the call, and a second offer (or an answer with no offer) breaks the
 * call's audio. So a claim read back at load is first put to the user's other tabs of this origin
 * (BroadcastChannel): if one of them carries that call, this tab is the copy and lets the claim go.
 * Until that is settled (`settled`, at most `askForMs`), `current()` is `pending`.
 *
 * Known limit: two tabs loading with the same claim at once (the original reloaded while its copy
 * opens) cannot tell which is the copy, and both keep it. Only a tab whose claim is settled answers.
 */

type Message = { type: 'who-carries'; callId: string } | { type: 'i-carry'; callId: string };

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

export class OwnCallClaim {
  private callId: string | null;
  private checking: boolean;
  private finishCheck: () => void = () => undefined;
  /** Resolves once a claim read back at load has been checked with the other tabs. */
  readonly settled: Promise<void>;

  constructor(private readonly deps: ClaimDeps) {
    this.callId = read(deps.storage);
    const asked = this.callId;
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
          deps.channel!.postMessage({ type: 'who-carries', callId: asked! });
        });
  }

  /** The call this screen carries, null, or PENDING while a claim read back at load is being checked. */
  current(): string | null | typeof PENDING {
    return this.checking ? PENDING : this.callId;
  }

  set(callId: string | null): void {
    this.callId = callId;
    this.finishCheck(); // a claim made here and now is this tab's own, whatever the check would say
    try {
      if (callId) this.deps.storage?.setItem(CLAIM_KEY, callId);
      else this.deps.storage?.removeItem(CLAIM_KEY);
    } catch {
      // storage full or blocked: the claim still holds in memory for this page
    }
  }

  private onMessage(data: unknown, asked: string | null): void {
    const m = data as Partial<Message> | null;
    if (!m || typeof m.callId !== 'string') return;
    if (m.type === 'who-carries' && !this.checking && this.callId === m.callId) {
      this.deps.channel!.postMessage({ type: 'i-carry', callId: m.callId });
    } else if (m.type === 'i-carry' && this.checking && m.callId === asked) {
      this.callId = null;
      try {
        this.deps.storage?.removeItem(CLAIM_KEY);
      } catch {
        // as in set()
      }
      this.finishCheck();
    }
  }
}

function read(storage: ClaimDeps['storage']): string | null {
  try {
    return storage?.getItem(CLAIM_KEY) ?? null;
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

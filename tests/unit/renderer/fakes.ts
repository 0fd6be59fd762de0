import type { OutboxItem } from '../../../electron/bridge-contract.js';

/** An in-memory Web Storage (Node has no localStorage). */
export class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  /** When set, setItem throws like a full quota. */
  full = false;
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new Error('QuotaExceededError');
    this.map.set(key, String(value));
  }
}

/** The signed-in user the outbox fixtures are written by, unless a test says otherwise. */
export const AUTHOR = 'u-dr-patel';

/** `authorId: null` makes an item as written before outbox items named their author. */
const by = (authorId: string | null) => (authorId === null ? {} : { authorId });

let n = 0;
export function adviceItem(queuedAt = 1_700_000_000_000 + n, authorId: string | null = AUTHOR): OutboxItem {
  n += 1;
  const hex = n.toString(16).padStart(12, '0');
  return {
    kind: 'advice',
    ...by(authorId),
    queuedAt,
    payload: {
      outcomeId: `5f0c7a3e-1b2c-4d5e-8f90-${hex}`,
      callId: `call-${n}`,
      code: 'ADVICE_MANAGE_IN_PLACE',
      enteredAt: queuedAt,
    },
  };
}

export function patientItem(queuedAt = 1_700_000_000_000 + n, authorId: string | null = AUTHOR): OutboxItem {
  n += 1;
  const hex = n.toString(16).padStart(12, '0');
  return {
    kind: 'patient',
    ...by(authorId),
    queuedAt,
    payload: { outcomeId: `7a1d2c3b-4e5f-4a6b-9c8d-${hex}`, callId: `call-${n}`, code: 'OTHER', note: 'seen by GP', enteredAt: queuedAt },
  };
}

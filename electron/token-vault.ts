import type { KeyValueStore } from './stores.js';

/**
 * The session token. On disk only as safeStorage ciphertext (OS keychain / DPAPI / libsecret);
 * where the OS offers no real encryption it lives in memory only and the user signs in again
 * after a restart. Never written in plain text.
 */

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

export type SessionData = { tokenCipher?: string };

export interface VaultLog {
  warn(message: string): void;
}

export interface TokenVault {
  get(): string | null;
  set(token: string | null): void;
  /** Where a token set now would live: on disk encrypted, or in memory only. */
  persistence(): 'encrypted' | 'memory';
}

export function canEncrypt(safeStorage: SafeStorageLike): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  const backend = safeStorage.getSelectedStorageBackend?.();
  return backend !== 'basic_text' && backend !== 'unknown';
}

export function createTokenVault(safeStorage: SafeStorageLike, store: KeyValueStore<SessionData>, log: VaultLog): TokenVault {
  /** undefined = not loaded yet; null = signed out. */
  let cached: string | null | undefined;
  let warned = false;

  const load = (): string | null => {
    const cipher = store.get('tokenCipher');
    if (typeof cipher !== 'string' || cipher === '') return null;
    if (!canEncrypt(safeStorage)) return null;
    try {
      return safeStorage.decryptString(Buffer.from(cipher, 'base64'));
    } catch {
      // Keychain changed or file tampered with: the token is useless, sign in again.
      store.delete('tokenCipher');
      log.warn('stored session token could not be decrypted; signing in again is required');
      return null;
    }
  };

  return {
    get() {
      if (cached === undefined) cached = load();
      return cached;
    },
    set(token) {
      cached = token;
      if (token === null || !canEncrypt(safeStorage)) {
        store.delete('tokenCipher');
        if (token !== null && !warned) {
          warned = true;
          log.warn('OS encryption (safeStorage) is unavailable: the session token is kept in memory only');
        }
        return;
      }
      store.set('tokenCipher', safeStorage.encryptString(token).toString('base64'));
    },
    persistence: () => (canEncrypt(safeStorage) ? 'encrypted' : 'memory'),
  };
}

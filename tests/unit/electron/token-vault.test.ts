import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canEncrypt, createTokenVault, type SafeStorageLike, type SessionData } from '../../../electron/token-vault.js';
import { openConfStore } from './conf-store.js';

/** A stand-in for the OS keychain: reversible, but the stored bytes never contain the token. */
function fakeSafeStorage(available = true, backend?: string): SafeStorageLike & { key: number } {
  const s = {
    key: 0x5a,
    isEncryptionAvailable: () => available,
    encryptString: (plain: string) => Buffer.from([0x01, ...Buffer.from(plain, 'utf8').map((b) => b ^ s.key)]),
    decryptString: (enc: Buffer) => {
      if (enc[0] !== 0x01) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(enc.subarray(1).map((b) => b ^ s.key)).toString('utf8');
    },
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
  return s;
}

const TOKEN = 'sess_4f9c2b7e1d0a8f6c3b5e9d2a7c1f0e8b';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oncall-token-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));
const open = () => openConfStore<SessionData>(dir, { name: 'session' });
const fileText = () => readFile(join(dir, 'session.json'), 'utf8').catch(() => '');
const log = () => ({ warn: vi.fn() });

describe('token vault', () => {
  it('keeps the token encrypted on disk and reads it back after a restart', async () => {
    const safe = fakeSafeStorage();
    createTokenVault(safe, open(), log()).set(TOKEN);
    const text = await fileText();
    expect(text).toContain('tokenCipher');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(5, 20));
    const restarted = createTokenVault(safe, open(), log());
    expect(restarted.get()).toBe(TOKEN);
    expect(restarted.persistence()).toBe('encrypted');
  });

  it('signing out removes the ciphertext', async () => {
    const vault = createTokenVault(fakeSafeStorage(), open(), log());
    vault.set(TOKEN);
    vault.set(null);
    expect(vault.get()).toBeNull();
    expect(await fileText()).not.toContain('tokenCipher');
    expect(createTokenVault(fakeSafeStorage(), open(), log()).get()).toBeNull();
  });

  it('without OS encryption keeps the token in memory only, says so once, and forgets it on restart', async () => {
    const warn = log();
    const vault = createTokenVault(fakeSafeStorage(false), open(), warn);
    vault.set(TOKEN);
    vault.set(TOKEN);
    expect(vault.get()).toBe(TOKEN);
    expect(vault.persistence()).toBe('memory');
    expect(warn.warn).toHaveBeenCalledTimes(1);
    expect(warn.warn.mock.calls[0]?.[0]).toMatch(/memory only/);
    expect(await fileText()).not.toContain(TOKEN);
    expect(createTokenVault(fakeSafeStorage(false), open(), log()).get()).toBeNull();
  });

  it("treats Linux's basic_text backend (a hard-coded key) as no encryption", () => {
    expect(canEncrypt(fakeSafeStorage(true, 'basic_text'))).toBe(false);
    expect(canEncrypt(fakeSafeStorage(true, 'gnome_libsecret'))).toBe(true);
    expect(canEncrypt(fakeSafeStorage(true))).toBe(true);
  });

  it('a ciphertext that no longer decrypts (new keychain) means signing in again, not a crash', async () => {
    const store = open();
    store.set('tokenCipher', Buffer.from('garbage').toString('base64'));
    const warn = log();
    const vault = createTokenVault(fakeSafeStorage(), store, warn);
    expect(vault.get()).toBeNull();
    expect(warn.warn).toHaveBeenCalled();
    expect(await fileText()).not.toContain('tokenCipher');
  });
});

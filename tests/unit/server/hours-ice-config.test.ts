import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../signaling/config.js';
import { isInHours } from '../../../signaling/directory/hours.js';
import { iceServersFor, turnCredentials } from '../../../signaling/ice.js';

describe('hours of cover', () => {
  const weekdays = { kind: 'weekly' as const, days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', timeZone: 'Europe/London' };

  it('reads the window in the line time zone (BST in summer)', () => {
    expect(isInHours(weekdays, Date.UTC(2025, 6, 7, 7, 59))).toBe(false); // Mon 08:59 BST
    expect(isInHours(weekdays, Date.UTC(2025, 6, 7, 8, 0))).toBe(true); // Mon 09:00 BST
    expect(isInHours(weekdays, Date.UTC(2025, 6, 7, 15, 59))).toBe(true); // 16:59
    expect(isInHours(weekdays, Date.UTC(2025, 6, 7, 16, 0))).toBe(false); // 17:00
    expect(isInHours(weekdays, Date.UTC(2025, 6, 6, 12, 0))).toBe(false); // Sunday
    expect(isInHours(weekdays, Date.UTC(2025, 0, 6, 9, 0))).toBe(true); // Mon 09:00 GMT
  });

  it('handles overnight windows that start on the listed day', () => {
    const nights = { kind: 'weekly' as const, days: [5], start: '20:00', end: '08:00', timeZone: 'UTC' }; // Friday night
    expect(isInHours(nights, Date.UTC(2025, 0, 10, 21, 0))).toBe(true); // Fri 21:00
    expect(isInHours(nights, Date.UTC(2025, 0, 11, 7, 59))).toBe(true); // Sat 07:59
    expect(isInHours(nights, Date.UTC(2025, 0, 11, 8, 0))).toBe(false); // Sat 08:00
    expect(isInHours(nights, Date.UTC(2025, 0, 10, 7, 0))).toBe(false); // Fri 07:00 (Thursday night not covered)
  });

  it('always is always', () => {
    expect(isInHours({ kind: 'always' }, 0)).toBe(true);
  });
});

describe('TURN REST credentials', () => {
  it('uses username expiry:userId and base64 HMAC-SHA1 of it with the secret', () => {
    const now = Date.UTC(2025, 0, 1);
    const { username, credential } = turnCredentials('s3cret-s3cret-s3cret', 'u-1', now, 3600);
    expect(username).toBe(`${now / 1000 + 3600}:u-1`);
    expect(credential).toBe(createHmac('sha1', 's3cret-s3cret-s3cret').update(username).digest('base64'));
  });

  it('hands out TURN only with a secret', () => {
    const cfg = { stunUrls: ['stun:stun.example.org:3478'], turnUrls: ['turn:turn.example.org:3478'] };
    expect(iceServersFor(cfg, 'u', 0)).toEqual([{ urls: ['stun:stun.example.org:3478'] }]);
    const withTurn = iceServersFor({ ...cfg, turnSecret: 'x'.repeat(20) }, 'u', 0);
    expect(withTurn[1]).toMatchObject({ urls: ['turn:turn.example.org:3478'], username: expect.stringMatching(/^\d+:u$/) });
  });
});

describe('environment config', () => {
  it('applies defaults', () => {
    const c = configFromEnv({});
    expect(c.ok && c.options).toMatchObject({ port: 4400, host: '127.0.0.1', dataDir: './data', webRoot: 'dist/web', stunUrls: [], turnUrls: [] });
  });

  it('parses lists and refuses bad values with readable messages', () => {
    const good = configFromEnv({ ONCALL_STUN_URLS: 'stun:a:3478, stun:b:3478', ONCALL_CORS_ORIGINS: 'http://localhost:5173/' });
    expect(good.ok && good.options.stunUrls).toEqual(['stun:a:3478', 'stun:b:3478']);
    expect(good.ok && good.options.corsOrigins).toEqual(['http://localhost:5173']);
    const bad = configFromEnv({ ONCALL_PORT: 'eighty', ONCALL_STUN_URLS: 'http://nope' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.join('\n')).toMatch(/ONCALL_PORT[\s\S]*ONCALL_STUN_URLS/);
    const turnNoSecret = configFromEnv({ ONCALL_TURN_URLS: 'turn:t:3478' });
    expect(!turnNoSecret.ok && turnNoSecret.problems[0]).toMatch(/TURN_SECRET/);
  });
});

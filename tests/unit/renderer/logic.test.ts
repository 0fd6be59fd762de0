import { describe, expect, it } from 'vitest';
import { classifyQuality, sampleBetween } from '../../../renderer/logic/quality.js';
import { isTyping, shortcutFor, type KeyLike } from '../../../renderer/logic/shortcuts.js';
import { filterDirectory } from '../../../renderer/stores/directory.js';
import { filterToQuery } from '../../../renderer/stores/history.js';
import { checkPhotoFile } from '../../../renderer/net/http.js';
import { PHOTO_MAX_BYTES, type DirectoryEntry } from '../../../signaling/protocol.js';

describe('connection quality', () => {
  it('classifies RTT, loss and jitter', () => {
    expect(classifyQuality({ rttMs: null, lossPct: null, jitterMs: null })).toBe('unknown');
    expect(classifyQuality({ rttMs: 40, lossPct: 0, jitterMs: 5 })).toBe('good');
    expect(classifyQuality({ rttMs: 350, lossPct: 0, jitterMs: 5 })).toBe('fair');
    expect(classifyQuality({ rttMs: 40, lossPct: 3, jitterMs: 5 })).toBe('fair');
    expect(classifyQuality({ rttMs: 40, lossPct: 0, jitterMs: 45 })).toBe('fair');
    expect(classifyQuality({ rttMs: 700, lossPct: 0, jitterMs: 5 })).toBe('poor');
    expect(classifyQuality({ rttMs: 40, lossPct: 12, jitterMs: null })).toBe('poor');
  });

  it('measures loss between two readings, not over the whole call', () => {
    const a = { packetsReceived: 1000, packetsLost: 200, jitterSec: 0.004, rttSec: 0.05 };
    const b = { packetsReceived: 1100, packetsLost: 200, jitterSec: 0.004, rttSec: 0.05 };
    expect(sampleBetween(null, a)).toEqual({ rttMs: 50, lossPct: null, jitterMs: 4 });
    expect(sampleBetween(a, b).lossPct).toBe(0);
    const c = { ...b, packetsReceived: 1190, packetsLost: 210 };
    expect(sampleBetween(b, c).lossPct).toBe(10);
    expect(classifyQuality(sampleBetween(b, c))).toBe('poor');
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, target: KeyLike['target'] = { tagName: 'BODY' }, mods: Partial<KeyLike> = {}): KeyLike => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target,
    ...mods,
  });

  it('maps A, M and H in either case', () => {
    expect(shortcutFor(key('a'))).toBe('answer');
    expect(shortcutFor(key('M'))).toBe('mute');
    expect(shortcutFor(key('h'))).toBe('hangup');
    expect(shortcutFor(key('x'))).toBeNull();
  });

  it('never fires while typing, with modifiers, or on key repeat', () => {
    expect(shortcutFor(key('a', { tagName: 'TEXTAREA' }))).toBeNull();
    expect(shortcutFor(key('m', { tagName: 'INPUT', type: 'search' }))).toBeNull();
    expect(shortcutFor(key('h', { tagName: 'SELECT' }))).toBeNull();
    expect(shortcutFor(key('h', { tagName: 'DIV', isContentEditable: true }))).toBeNull();
    expect(shortcutFor(key('a', { tagName: 'BODY' }, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('m', { tagName: 'BODY' }, { repeat: true }))).toBeNull();
    // a focused radio or button does not take text
    expect(isTyping({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(shortcutFor(key('m', { tagName: 'BUTTON' }))).toBe('mute');
  });
});

describe('directory search and history filter', () => {
  const entry = (name: string, specialty: string, provider: string) =>
    ({ id: name, name, specialty, providerOrgName: provider }) as DirectoryEntry;
  const list = [entry('Cardiology', 'Cardiology', 'City Hospital'), entry('Haematology', 'Haematology', 'County Trust')];

  it('matches every word against line, specialty and provider', () => {
    expect(filterDirectory(list, '').map((e) => e.id)).toEqual(['Cardiology', 'Haematology']);
    expect(filterDirectory(list, 'county').map((e) => e.id)).toEqual(['Haematology']);
    expect(filterDirectory(list, 'CARDIO city').map((e) => e.id)).toEqual(['Cardiology']);
    expect(filterDirectory(list, 'cardio county')).toEqual([]);
  });

  it('turns local calendar days into an inclusive epoch range', () => {
    const q = filterToQuery({ from: '2025-03-01', to: '2025-03-01', lineId: 'cardio' });
    expect(q.from).toBe(new Date(2025, 2, 1).getTime());
    expect(q.to).toBe(new Date(2025, 2, 2).getTime() - 1);
    expect(q.lineId).toBe('cardio');
    expect(filterToQuery({ from: '', to: '', lineId: '' })).toEqual({ limit: 200 });
  });
});

describe('photo check before upload', () => {
  it('accepts JPEG and PNG within the limit and explains anything else', () => {
    expect(checkPhotoFile({ type: 'image/jpeg', size: 1000 })).toBeNull();
    expect(checkPhotoFile({ type: 'image/png', size: PHOTO_MAX_BYTES })).toBeNull();
    expect(checkPhotoFile({ type: 'image/gif', size: 1000 })).toMatch(/JPEG or PNG/);
    expect(checkPhotoFile({ type: 'image/png', size: PHOTO_MAX_BYTES + 1 })).toMatch(/too large/);
    expect(checkPhotoFile({ type: 'image/png', size: 0 })).toMatch(/empty/);
  });
});

import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../electron/app-origin.js';
import { allowPermissionCheck, allowPermissionRequest } from '../../../electron/permissions.js';

const APP = 'app://oncall/index.html';

describe('app origin', () => {
  it('recognises app://oncall only', () => {
    expect(isAppUrl('app://oncall/')).toBe(true);
    expect(isAppUrl('app://oncall')).toBe(true);
    expect(isAppUrl(APP)).toBe(true);
    for (const other of ['app://oncall.evil/', 'app://evil/', 'app://oncall:1/', 'app://user@oncall/', 'http://oncall/', 'https://127.0.0.1:4400/', 'file:///x', '', null, undefined, 'garbage']) {
      expect(isAppUrl(other)).toBe(false);
    }
  });
});

describe('permission requests', () => {
  it('grants microphone capture and speaker selection to the app', () => {
    expect(allowPermissionRequest('media', { requestingUrl: APP, mediaTypes: ['audio'] })).toBe(true);
    expect(allowPermissionRequest('media', { requestingUrl: APP, securityOrigin: 'app://oncall/', mediaTypes: ['audio'] })).toBe(true);
    expect(allowPermissionRequest('speaker-selection', { requestingUrl: APP })).toBe(true);
  });

  it('refuses camera, screen, empty media requests and every other permission', () => {
    expect(allowPermissionRequest('media', { requestingUrl: APP, mediaTypes: ['video'] })).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: APP, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: APP, mediaTypes: [] })).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: APP })).toBe(false);
    for (const p of ['display-capture', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial', 'fileSystem', 'midiSysex', 'unknown']) {
      expect(allowPermissionRequest(p, { requestingUrl: APP, mediaTypes: ['audio'] })).toBe(false);
    }
  });

  it('refuses audio to any other origin, including a foreign security origin inside the app page', () => {
    expect(allowPermissionRequest('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] })).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: 'http://127.0.0.1:4400/', mediaTypes: ['audio'] })).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: APP, securityOrigin: 'https://evil.example', mediaTypes: ['audio'] })).toBe(false);
    expect(allowPermissionRequest('speaker-selection', { requestingUrl: '' })).toBe(false);
    expect(allowPermissionRequest('speaker-selection', {})).toBe(false);
  });
});

describe('permission checks', () => {
  it('answers yes only for the app origin asking about audio or speaker selection', () => {
    expect(allowPermissionCheck('media', 'app://oncall', { mediaType: 'audio' })).toBe(true);
    expect(allowPermissionCheck('media', 'app://oncall/', { mediaType: 'audio', securityOrigin: 'app://oncall/' })).toBe(true);
    expect(allowPermissionCheck('speaker-selection', 'app://oncall', {})).toBe(true);
    expect(allowPermissionCheck('media', 'app://oncall', { mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck('media', 'app://oncall', { mediaType: 'unknown' })).toBe(false);
    expect(allowPermissionCheck('media', 'app://oncall', {})).toBe(false);
    expect(allowPermissionCheck('media', 'https://evil.example', { mediaType: 'audio' })).toBe(false);
    expect(allowPermissionCheck('notifications', 'app://oncall', {})).toBe(false);
    expect(allowPermissionCheck('clipboard-sanitized-write', 'app://oncall', {})).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { buildCsp, serverOrigins } from '../../../electron/csp.js';

const directive = (csp: string, name: string) =>
  csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe('CSP', () => {
  it('allows scripts from the app only, and connections to the configured server over http and ws', () => {
    const csp = buildCsp('http://127.0.0.1:4400');
    expect(directive(csp, 'default-src')).toBe("default-src 'none'");
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' http://127.0.0.1:4400 ws://127.0.0.1:4400");
    expect(directive(csp, 'img-src')).toBe("img-src 'self' blob: data:");
    expect(directive(csp, 'media-src')).toBe("media-src 'self' blob:");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(directive(csp, 'script-src')).not.toMatch(/unsafe-inline/);
  });

  it('uses the origin only (no path) and wss for https servers, keeping non-default ports', () => {
    expect(serverOrigins('https://oncall.example.nhs.uk:8443/base/path?q=1')).toEqual([
      'https://oncall.example.nhs.uk:8443',
      'wss://oncall.example.nhs.uk:8443',
    ]);
    expect(serverOrigins('https://oncall.example.nhs.uk/')).toEqual(['https://oncall.example.nhs.uk', 'wss://oncall.example.nhs.uk']);
  });

  it('connects nowhere but itself when the server URL is not http(s)', () => {
    for (const bad of ['javascript:alert(1)', 'file:///etc', 'not a url', "http://x'; script-src *"]) {
      const connect = directive(buildCsp(bad), 'connect-src');
      expect(connect === "connect-src 'self'" || connect?.startsWith("connect-src 'self' http://")).toBe(true);
      expect(buildCsp(bad)).not.toMatch(/script-src \*/);
    }
  });
});

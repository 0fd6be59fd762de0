import { describe, expect, it, vi } from 'vitest';
import { createExternalOpener, guardNavigation, windowOpenDecision } from '../../../electron/navigation.js';

const quietLog = () => ({ warn: vi.fn() });
const navEvent = () => ({ preventDefault: vi.fn() });

describe('external links', () => {
  it('opens http(s) links in the browser', async () => {
    const shellOpen = vi.fn(async () => undefined);
    const open = createExternalOpener(shellOpen);
    await open('https://www.nice.org.uk/guidance/ng185');
    await open('http://intranet.example/rota');
    expect(shellOpen.mock.calls).toEqual([['https://www.nice.org.uk/guidance/ng185'], ['http://intranet.example/rota']]);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'ms-msdt:/id', 'app://oncall/', 'data:text/html,hi', 'not a url', ''])(
    'refuses %s without calling the shell',
    async (url) => {
      const shellOpen = vi.fn(async () => undefined);
      await expect(createExternalOpener(shellOpen)(url)).rejects.toThrow(/only http\(s\)/);
      expect(shellOpen).not.toHaveBeenCalled();
    },
  );
});

describe('navigation', () => {
  it('lets the window move within app://oncall', () => {
    const e = navEvent();
    const open = vi.fn(async () => undefined);
    guardNavigation(e, 'app://oncall/index.html#/history', open, quietLog());
    expect(e.preventDefault).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('blocks leaving the app; http(s) targets go to the browser instead, others nowhere', () => {
    const open = vi.fn(async () => undefined);
    const web = navEvent();
    guardNavigation(web, 'https://evil.example/phish', open, quietLog());
    expect(web.preventDefault).toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith('https://evil.example/phish');

    const file = navEvent();
    guardNavigation(file, 'file:///etc/passwd', open, quietLog());
    expect(file.preventDefault).toHaveBeenCalled();
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('never opens a new window: http(s) goes to the browser, anything else is just denied', () => {
    const open = vi.fn(async () => undefined);
    expect(windowOpenDecision('https://www.nice.org.uk/', open, quietLog())).toEqual({ action: 'deny' });
    expect(windowOpenDecision('app://oncall/index.html', open, quietLog())).toEqual({ action: 'deny' });
    expect(windowOpenDecision('javascript:alert(1)', open, quietLog())).toEqual({ action: 'deny' });
    expect(open.mock.calls).toEqual([['https://www.nice.org.uk/']]);
  });
});

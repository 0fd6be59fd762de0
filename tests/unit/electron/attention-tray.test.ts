import { describe, expect, it, vi } from 'vitest';
import { attentionView } from '../../../electron/attention.js';
import { trayMenuTemplate } from '../../../electron/tray-menu.js';

describe('attention view', () => {
  it('shows the ringing count in the title, the ringing tray icon and a flash', () => {
    expect(attentionView({ ringing: 1, presence: 'available' })).toEqual({
      title: '(1) Ringing — OnCall',
      tooltip: 'OnCall — 1 call ringing',
      trayIcon: 'ringing',
      badgeCount: 1,
      flash: true,
    });
    expect(attentionView({ ringing: 3, presence: 'available' }).tooltip).toBe('OnCall — 3 calls ringing');
  });

  it('at rest shows presence, the idle icon and no badge', () => {
    expect(attentionView({ ringing: 0, presence: 'away' })).toEqual({
      title: 'OnCall — Away',
      tooltip: 'OnCall — Away',
      trayIcon: 'idle',
      badgeCount: 0,
      flash: false,
    });
    expect(attentionView({ ringing: 0, presence: 'wrap_up' }).title).toBe('OnCall — Wrap-up');
  });
});

describe('tray menu', () => {
  const actions = () => ({ showWindow: vi.fn(), choosePresence: vi.fn(), quit: vi.fn() });
  const item = (menu: ReturnType<typeof trayMenuTemplate>, label: string) => menu.find((m) => m.label === label)!;
  const click = (menu: ReturnType<typeof trayMenuTemplate>, label: string) =>
    (item(menu, label).click as unknown as () => void)();

  it('offers Available / Away as radio items reflecting presence, and sends the choice', () => {
    const a = actions();
    const menu = trayMenuTemplate('available', a);
    expect(item(menu, 'Available')).toMatchObject({ type: 'radio', checked: true, enabled: true });
    expect(item(menu, 'Away')).toMatchObject({ type: 'radio', checked: false, enabled: true });
    click(menu, 'Away');
    expect(a.choosePresence).toHaveBeenCalledWith('away');
    click(menu, 'Show OnCall');
    expect(a.showWindow).toHaveBeenCalled();
    click(menu, 'Quit OnCall');
    expect(a.quit).toHaveBeenCalled();
  });

  it.each(['offline', 'busy', 'wrap_up'] as const)('disables the availability choice while %s', (presence) => {
    const menu = trayMenuTemplate(presence, actions());
    expect(item(menu, 'Available').enabled).toBe(false);
    expect(item(menu, 'Away').enabled).toBe(false);
  });
});

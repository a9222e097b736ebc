import { describe, expect, it } from 'vitest';
import { installSessionPermissions, isBlockedShortcut, lockDownWebContents } from './security';
import { FakeSession, FakeWebContents, preventable } from './testing/fake-electron';

const key = (k: string, mods: Partial<{ control: boolean; alt: boolean; shift: boolean; meta: boolean }> = {}) => ({
  key: k,
  control: false,
  alt: false,
  shift: false,
  meta: false,
  ...mods,
});

describe('permissions (#5)', () => {
  const session = new FakeSession();
  installSessionPermissions(session);
  const ask = (permission: string, requestingUrl: string, isMainFrame = true) => {
    let granted: boolean | undefined;
    session.requestHandler!(
      {},
      permission,
      (g) => {
        granted = g;
      },
      { requestingUrl, isMainFrame },
    );
    return granted;
  };

  it('grants camera/microphone and fullscreen to the app main frame only', () => {
    expect(ask('media', 'kiosk://app/index.html')).toBe(true);
    expect(ask('fullscreen', 'kiosk://app/index.html')).toBe(true);
    expect(ask('media', 'kiosk://app/index.html', false)).toBe(false);
    expect(ask('media', 'https://evil.example/')).toBe(false);
    expect(ask('media', 'kiosk://app.evil/')).toBe(false);
  });

  it('refuses every other permission, even to the app', () => {
    for (const p of [
      'geolocation',
      'notifications',
      'hid',
      'serial',
      'usb',
      'clipboard-read',
      'openExternal',
      'midiSysex',
    ]) {
      expect(ask(p, 'kiosk://app/index.html'), p).toBe(false);
    }
  });

  it('answers permission checks the same way', () => {
    expect(session.checkHandler!({}, 'media', 'kiosk://app', { isMainFrame: true })).toBe(true);
    expect(session.checkHandler!({}, 'media', 'https://evil.example', { isMainFrame: true })).toBe(false);
    expect(session.checkHandler!({}, 'geolocation', 'kiosk://app', { isMainFrame: true })).toBe(false);
  });
});

describe('web contents lock-down', () => {
  const contents = new FakeWebContents();
  lockDownWebContents(contents);

  it('#13 blocks navigation and redirects outside the app, allows inside', () => {
    for (const event of ['will-navigate', 'will-redirect']) {
      const outside = preventable();
      contents.emit(event, outside, 'https://evil.example/');
      expect(outside.defaultPrevented, event).toBe(true);
      const fileUrl = preventable();
      contents.emit(event, fileUrl, 'file:///etc/passwd');
      expect(fileUrl.defaultPrevented).toBe(true);
      const inside = preventable();
      contents.emit(event, inside, 'kiosk://app/index.html#/consent');
      expect(inside.defaultPrevented).toBe(false);
    }
  });

  it('#14 denies every new window', () => {
    expect(contents.windowOpenHandler!({ url: 'kiosk://app/x' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
  });

  it('#12 refuses to attach any webview', () => {
    const event = preventable();
    contents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('blocks keyboard escapes and lets typing through', () => {
    const blocked = [
      key('F4', { alt: true }),
      key('w', { control: true }),
      key('r', { control: true }),
      key('F11'),
      key('F5'),
      key('I', { control: true, shift: true }),
      key('F12'),
      key('ArrowLeft', { alt: true }),
      key('q', { control: true }),
    ];
    for (const input of blocked) {
      const event = preventable();
      contents.emit('before-input-event', event, { type: 'keyDown', code: '', ...input });
      expect(event.defaultPrevented, JSON.stringify(input)).toBe(true);
    }
    for (const input of [key('a'), key('A', { shift: true }), key('1'), key('Backspace'), key('Enter')]) {
      expect(isBlockedShortcut(input), input.key).toBe(false);
    }
  });
});

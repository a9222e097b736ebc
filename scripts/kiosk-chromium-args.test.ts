import { describe, expect, it } from 'vitest';
import { kioskChromiumArgs } from './kiosk-chromium-args';

describe('Chromium fallback shell flags', () => {
  const args = kioskChromiumArgs('http://127.0.0.1:5080/', '/tmp/profile');

  it('opens the app alone, full screen, in a throwaway profile', () => {
    expect(args).toEqual(
      expect.arrayContaining([
        '--app=http://127.0.0.1:5080/',
        '--kiosk',
        '--incognito',
        '--user-data-dir=/tmp/profile',
      ]),
    );
  });

  it('turns off swipe navigation, translate and error bubbles', () => {
    expect(args).toEqual(
      expect.arrayContaining([
        '--overscroll-history-navigation=0',
        '--disable-pinch',
        '--noerrdialogs',
        '--disable-session-crashed-bubble',
      ]),
    );
    expect(args.find((a) => a.startsWith('--disable-features='))).toMatch(/TranslateUI/);
  });

  it('never opens remote debugging unless asked, and then on loopback only', () => {
    expect(args.some((a) => a.startsWith('--remote-debugging'))).toBe(false);
    const debug = kioskChromiumArgs('http://x/', '/p', { debugPort: 9222 });
    expect(debug).toEqual(
      expect.arrayContaining(['--remote-debugging-port=9222', '--remote-debugging-address=127.0.0.1']),
    );
  });

  it('uses fake media devices only when headless (tests), real ones in the cabin', () => {
    expect(args).not.toContain('--use-fake-device-for-media-stream');
    expect(kioskChromiumArgs('http://x/', '/p', { headless: true })).toContain('--use-fake-device-for-media-stream');
  });
});

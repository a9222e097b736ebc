import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskChromiumArgs, spkiHash } from './kiosk-chromium-args';

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
    expect(args.some((a) => a.startsWith('--use-fake-device-for-media-stream'))).toBe(false);
    expect(kioskChromiumArgs('http://x/', '/p', { headless: true })).toContain(
      '--use-fake-device-for-media-stream=device-count=3',
    );
  });

  it("passes platform.caFile's key as Chromium's SPKI hash, and nothing without one", () => {
    const caFile = resolve(import.meta.dirname, '../kiosk-config/testing/test-ca.pem');
    // The same hash computed by openssl, the way Chromium's documentation derives it.
    const key = execFileSync('openssl', ['x509', '-in', caFile, '-noout', '-pubkey']);
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: key });
    const expected = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der }).toString('base64');
    expect(spkiHash(readFileSync(caFile, 'utf8'))).toBe(expected);
    expect(kioskChromiumArgs('http://x/', '/p', { trustedSpki: [expected, 'b'] })).toContain(
      `--ignore-certificate-errors-spki-list=${expected},b`,
    );
    expect(args.some((arg) => arg.startsWith('--ignore-certificate-errors'))).toBe(false);
  });
});

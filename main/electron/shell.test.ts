import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { TEST_INFO } from '../../common/ipc/testing/kiosk-info';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskEventHub } from '../ipc/event-hub';
import { testHandlers } from '../ipc/testing/test-handlers';
import type { KioskServices } from '../kiosk-services';
import { APP_SCHEME, WELCOME_URL } from './app-origin';
import { registerAppScheme, startKioskShell } from './shell';
import { createFakeElectron, preventable } from './testing/fake-electron';

function rendererDir() {
  const dir = mkdtempSync(join(tmpdir(), 'shell-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<html><head></head><body>kiosk</body></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'void 0');
  return dir;
}

async function start(fake = createFakeElectron(), platformAuthorities?: string[]) {
  let closed = false;
  const screenFailures: string[] = [];
  const services: Pick<KioskServices, 'handlers' | 'events' | 'screenFailed' | 'close'> = {
    handlers: testHandlers(),
    events: new KioskEventHub(),
    screenFailed: (reason) => screenFailures.push(reason),
    close: async () => {
      closed = true;
    },
  };
  const window = await startKioskShell(fake.api, {
    rendererDir: rendererDir(),
    preloadPath: '/app/preload.cjs',
    development: false,
    platformOrigins: ['https://platform.example'],
    platformAuthorities,
    createServices: async () => services,
  });
  return { fake, window, isClosed: () => closed, screenFailures };
}

describe('Electron kiosk shell (against the fake Electron API)', () => {
  it('#18 registers kiosk:// as a privileged standard, secure scheme (not file://)', () => {
    const fake = createFakeElectron();
    registerAppScheme(fake.api);
    expect(fake.protocol.privileged).toEqual([
      { scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('opens one locked-down kiosk window on the app URL and keeps the display awake', async () => {
    const { fake, window } = await start();
    expect(fake.windows).toHaveLength(1);
    expect(window).toBe(fake.windows[0]);
    expect(fake.windows[0]!.webContents.loaded).toEqual([WELCOME_URL]);
    expect(WELCOME_URL.startsWith('kiosk://app/')).toBe(true);
    expect(fake.windows[0]!.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect([...fake.powerSaveBlocker.active.values()]).toEqual(['prevent-display-sleep']);
    fake.windows[0]!.emit('ready-to-show');
    expect(fake.windows[0]!.shown).toBe(true);
  });

  it('locks down every web contents created, including the window itself (#13 #14)', async () => {
    const { fake } = await start();
    const contents = fake.windows[0]!.webContents;
    const event = preventable();
    contents.emit('will-navigate', event, 'https://evil.example');
    expect(event.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://x' })).toEqual({ action: 'deny' });
  });

  it('tells the services once when it gives up on a renderer that keeps crashing (the platform is told from there)', async () => {
    const { fake, screenFailures } = await start();
    const contents = fake.windows[0]!.webContents;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(screenFailures).toEqual([]);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(screenFailures).toEqual(['renderer crashed 3 times in 10 min']);
    expect(contents.loaded.at(-1)).toMatch(/maintenance\.html$/);
  });

  it('installs the permission handlers on the session (#5)', async () => {
    const { fake } = await start();
    expect(fake.session.requestHandler).not.toBeNull();
    expect(fake.session.checkHandler).not.toBeNull();
  });

  it('#7 serves app pages with the CSP, and refuses other hosts and escapes', async () => {
    const { fake } = await start();
    const handler = fake.protocol.handlers.get(APP_SCHEME)!;
    const page = await handler(new Request('kiosk://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('kiosk');
    expect((await handler(new Request('kiosk://other/index.html'))).status).toBe(404);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // The URL parser already folds dot segments (an unknown app route: the app itself, never the
    // file); encoded slashes reach the static server's own guard.
    expect(await (await handler(new Request('kiosk://app/%2e%2e/%2e%2e/etc/passwd'))).text()).not.toMatch(/root:/);
    expect((await handler(new Request('kiosk://app/%2e%2e/%2e%2e/etc/passwd.txt'))).status).toBe(404);
    expect((await handler(new Request('kiosk://app/..%2f..%2f..%2fetc%2fpasswd'))).status).toBe(400);
  });

  it('answers the renderer over IPC through the contract', async () => {
    const { fake } = await start();
    const answer = await fake.ipc.ipcRenderer.invoke('kiosk:get-info', {});
    expect(answer).toEqual({ ok: true, value: TEST_INFO });
  });

  it('quits when another instance holds the lock, without opening a window', async () => {
    const fake = createFakeElectron();
    fake.app.lockAvailable = false;
    const { window } = await start(fake);
    expect(window).toBeNull();
    expect(fake.app.quitCalled).toBe(true);
    expect(fake.windows).toHaveLength(0);
  });

  it('releases IPC, the power blocker and the services on quit', async () => {
    const { fake, isClosed } = await start();
    fake.app.emit('before-quit');
    expect(fake.ipc.handlers.size).toBe(0);
    expect(fake.powerSaveBlocker.active.size).toBe(0);
    expect(isClosed()).toBe(true);
  });

  it('trusts platform.caFile in the window only when it is set, for the platform host', async () => {
    const { fake } = await start();
    expect(fake.session.verifyProc).toBeNull(); // Chromium's own verification, untouched
    const withCa = await start(createFakeElectron(), [
      readFileSync(resolve(import.meta.dirname, '../../kiosk-config/testing/test-ca.pem'), 'utf8'),
    ]);
    let answer: number | undefined;
    withCa.fake.session.verifyProc!(
      { hostname: 'elsewhere.example', certificate: { data: '' }, errorCode: -202, verificationResult: '' },
      (result) => (answer = result),
    );
    expect(answer).toBe(-3); // not the platform: Chromium's verdict
  });
});

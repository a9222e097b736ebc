import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from './window-options';

const production = kioskWindowOptions({ preloadPath: '/app/preload.cjs', development: false });
const prefs = production.webPreferences!;

// Each assertion is one row of the README's Electron security checklist table.
describe('kiosk window options', () => {
  it('#2 no Node.js integration anywhere in the renderer', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('#3 context isolation on', () => expect(prefs.contextIsolation).toBe(true));
  it('#4 process sandbox on', () => expect(prefs.sandbox).toBe(true));
  it('#6 web security not disabled', () => expect(prefs.webSecurity).toBe(true));
  it('#8 no insecure content', () => expect(prefs.allowRunningInsecureContent).toBe(false));
  it('#9 #10 no experimental or Blink features', () => {
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
  it('#11 no webview tag', () => expect(prefs.webviewTag).toBe(false));
  it('kiosk: full screen, frameless, devtools only in development', () => {
    expect(production).toMatchObject({ kiosk: true, frame: false });
    expect(prefs.devTools).toBe(false);
    expect(kioskWindowOptions({ preloadPath: '/p', development: true }).webPreferences!.devTools).toBe(true);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });
});

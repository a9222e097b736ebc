import { describe, expect, it } from 'vitest';
import { TEST_INFO } from '../../common/ipc/testing/kiosk-info';
import { INVOKE_NAMES, EVENT_NAMES, type KioskApi } from '../../common/ipc/contract';
import { KioskApiError } from '../../common/ipc/envelope';
import { createDispatcher } from '../ipc/dispatch';
import { KioskEventHub } from '../ipc/event-hub';
import { testHandlers } from '../ipc/testing/test-handlers';
import { forwardEvents, registerKioskIpc } from './ipc-main';
import { exposeKioskApi } from './preload-api';
import { FakeContextBridge, FakeWebContents, fakeIpcPair } from './testing/fake-electron';

function setup(frameUrl = 'kiosk://app/index.html') {
  const main = { url: frameUrl };
  let sender: { url: string } | null = main;
  const pair = fakeIpcPair(
    () => sender,
    () => main,
  );
  const dispose = registerKioskIpc(pair.ipcMain, createDispatcher(testHandlers()));
  const bridge = new FakeContextBridge();
  exposeKioskApi(bridge, pair.ipcRenderer);
  const api = bridge.exposed.get('kiosk') as KioskApi;
  return {
    pair,
    api,
    bridge,
    dispose,
    setSender: (f: { url: string } | null) => {
      sender = f;
    },
  };
}

describe('IPC through the preload (round trip with structuredClone)', () => {
  it('#20 exposes one object, one method per contract entry, and nothing of Electron', () => {
    const { bridge, api } = setup();
    expect([...bridge.exposed.keys()]).toEqual(['kiosk']);
    expect(Object.keys(api).sort()).toEqual([...INVOKE_NAMES, ...EVENT_NAMES].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
  });

  it('registers exactly one handler per invoke channel and removes them on dispose', () => {
    const { pair, dispose } = setup();
    expect(pair.handlers.size).toBe(INVOKE_NAMES.length);
    dispose();
    expect(pair.handlers.size).toBe(0);
  });

  it('answers the app main frame', async () => {
    const { api } = setup();
    await expect(api.getInfo({})).resolves.toEqual(TEST_INFO);
  });

  it('#17 refuses a sub-frame and a foreign origin with an error envelope', async () => {
    const { api, setSender } = setup();
    setSender({ url: 'kiosk://app/index.html' }); // same URL but not the main frame object
    await expect(api.getInfo({})).rejects.toMatchObject({ code: 'untrusted-sender' });
    setSender(null);
    await expect(api.getInfo({})).rejects.toBeInstanceOf(KioskApiError);
    const foreign = setup('https://evil.example/');
    await expect(foreign.api.getInfo({})).rejects.toMatchObject({ code: 'untrusted-sender' });
  });

  it('refuses a malformed payload before any handler runs', async () => {
    const { pair } = setup();
    const envelope = await pair.ipcRenderer.invoke('kiosk:get-info', { unexpected: true });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('delivers main events to preload listeners, and unsubscribes', () => {
    const { pair, api } = setup();
    const hub = new KioskEventHub();
    const contents = new FakeWebContents();
    forwardEvents(hub, contents);
    const received: unknown[] = [];
    const off = api.onDeviceStatusChanged((s) => received.push(s));
    const status = {
      deviceId: 'bp-1',
      model: 'omron-hem7322u',
      modelName: 'Omron HEM-7322U (M500 IT)',
      kind: 'blood-pressure',
      state: 'error',
      reason: { code: 'unplugged', detail: 'USB device gone' },
      calibration: 'valid',
      since: '2026-01-01T00:00:00.000Z',
    } as const;
    hub.emit('onDeviceStatusChanged', status);
    for (const [channel, [payload]] of contents.sent) pair.deliver(channel, payload);
    expect(received).toEqual([status]);
    off();
    pair.deliver('device:status-changed', status);
    expect(received).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlowView } from '../../common/flow/flow-view';
import type { KioskConfig } from '../../kiosk-config/schema';
import { KioskEventHub } from '../ipc/event-hub';
import { recordForCurrentSession } from './flow-service';
import { startKioskFlow } from './kiosk-flow';
import { FakeDevices, MemorySessionStore } from './testing/flow-harness';

// Only the parts of the config the flow reads; the schema's own tests cover the rest.
const config = {
  kioskId: 'kiosk-test',
  timeouts: { idleWarningSeconds: 60, idleWipeSeconds: 30 },
  flow: {
    bloodPressureRestSeconds: 5,
    spo2SettlingSeconds: 10,
    consentTextVersion: 'v-test',
    hygieneCheckAtStart: false,
  },
  pinHashes: { pharmacist: ['x'], technician: ['y'] },
} as unknown as KioskConfig;

class ListingDevices extends FakeDevices {
  list() {
    return [];
  }
}

let kiosk: ReturnType<typeof startKioskFlow>;
let store: MemorySessionStore;
let pushed: { channel: string; payload: unknown }[];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
  const events = new KioskEventHub();
  pushed = [];
  events.attach((channel, payload) => pushed.push({ channel, payload }));
  store = new MemorySessionStore();
  kiosk = startKioskFlow({ config, store, devices: new ListingDevices(), cards: null, events });
});
afterEach(() => {
  kiosk.close();
  vi.useRealTimers();
});

describe('startKioskFlow', () => {
  it('answers getFlow/flowSend and pushes every view change on flow:changed', async () => {
    expect(FlowView.parse(await kiosk.handlers.getFlow({})).step).toBe('welcome');
    expect(await kiosk.handlers.flowSend({ type: 'START' })).toEqual({ accepted: true });
    expect(await kiosk.handlers.flowSend({ type: 'CONFIRM_IDENTITY' })).toEqual({ accepted: false });
    expect(pushed.map((p) => p.channel)).toEqual(['flow:changed']);
    expect((pushed[0]?.payload as FlowView).step).toBe('emergency');
    expect(FlowView.parse(pushed[0]?.payload).consent.textVersion).toBe('v-test');
  });

  it('staff handlers refuse without a sign-in', async () => {
    expect(() => kiosk.handlers.getStaffOverview({})).toThrow('staff sign-in required');
    expect(await kiosk.handlers.staffSignIn({ role: 'pharmacist', pin: '0000' })).toMatchObject({
      ok: false,
      error: 'wrong-pin',
    });
  });

  it('records a measurement under the current session only', async () => {
    const record = recordForCurrentSession(kiosk.flow, store);
    const m = { kind: 'temperature' } as never;
    expect(() => record(m)).toThrow('no patient session');
    await kiosk.handlers.flowSend({ type: 'START' });
    await kiosk.handlers.flowSend({ type: 'EMERGENCY_NONE' });
    record(m);
    expect(store.calls.at(-1)).toEqual({
      method: 'recordMeasurement',
      sessionId: kiosk.flow.currentSessionId(),
      data: m,
    });
    expect(kiosk.flow.currentSessionId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});

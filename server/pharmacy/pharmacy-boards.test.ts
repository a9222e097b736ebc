import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { PharmacistEvent } from '../../common/signaling/messages';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { FleetRegistry } from '../api/fleet-registry';
import { AlertDesk } from './alert-desk';
import { cabinState, PharmacyBoards } from './pharmacy-boards';
import { PharmacyDirectory } from './pharmacy-directory';

const online = { online: true, inSession: false };

describe('cabinState', () => {
  it('puts a call for the pharmacist first, then the call with the doctor, then silence, then a patient at the screen', () => {
    expect(cabinState(true, 'in-call', online)).toBe('help-requested');
    expect(cabinState(false, 'in-call', { online: false, inSession: true })).toBe('in-consultation');
    expect(cabinState(false, 'waiting', null)).toBe('waiting');
    expect(cabinState(false, undefined, null)).toBe('out-of-service');
    expect(cabinState(false, undefined, { online: false, inSession: true })).toBe('out-of-service');
    expect(cabinState(false, undefined, { online: true, inSession: true })).toBe('occupied');
    expect(cabinState(false, undefined, online)).toBe('free');
  });
});

describe('PharmacyBoards', () => {
  it('follows the queue and the calls live, and sends a portal the board only when it changed', async () => {
    const clock = new ManualClock();
    const directory = new PharmacyDirectory(null);
    await directory.upsertPharmacy({ id: 'pharmacie-a', name: 'A' });
    await directory.assignKiosk('kiosk-1', 'pharmacie-a', 'Cabine 1');
    const fleet = new FleetRegistry(clock);
    let changed = () => {};
    const kioskCalls = new Map<string, 'waiting' | 'in-call'>();
    const calls = {
      kioskCalls: () => kioskCalls,
      onChange: (l: () => void) => (changed = l),
      away: { list: () => [] },
    };
    let boards: PharmacyBoards | null = null;
    const desk = new AlertDesk({ portalsOpen: (id) => boards!.portalsOpen(id), clock });
    boards = new PharmacyBoards({ directory, fleet, calls, desk, clock });
    const sent: PharmacistEvent[] = [];
    const first = boards.subscribe({ id: 'p', send: (e) => sent.push(e) }, 'pharmacie-a');
    expect(first.cabins[0]).toMatchObject({ state: 'out-of-service', lastSeen: null });
    fleet.record('kiosk-1', { version: '1', uptimeSeconds: 1, devices: [], inSession: true });
    kioskCalls.set('kiosk-1', 'waiting');
    changed();
    kioskCalls.set('kiosk-1', 'in-call');
    changed();
    changed();
    const states = sent.map((e) => (e.type === 'board' ? e.board.cabins[0]!.state : e.type));
    expect(states).toEqual(['occupied', 'waiting', 'in-consultation']);
    // A heartbeat that changes nothing but its time is not sent again.
    clock.advance(30_000);
    fleet.record('kiosk-1', { version: '1', uptimeSeconds: 31, devices: [], inSession: true });
    expect(sent).toHaveLength(3);
    // A print that ran out of paper is pushed with the beat that reports it, with the hygiene
    // checklist; the next print completing clears it.
    const printer = { reachable: true, reasons: [], paper: [{ name: 'main', levelPercent: 0 }], supplies: [] };
    const hygiene = { due: true, confirmedAt: null, lastSessionEndedAt: '2026-12-05T10:00:00.000Z' };
    const at = '2026-12-05T10:01:00.000Z';
    const beat = { version: '1', uptimeSeconds: 32, devices: [], inSession: true, hygiene };
    fleet.record('kiosk-1', { ...beat, printer: { ...printer, lastPrint: { outcome: 'no-paper', at } } });
    expect(sent).toHaveLength(4);
    const cabin = (e: PharmacistEvent) => (e.type === 'board' ? e.board.cabins[0]! : null);
    expect(cabin(sent[3]!)).toMatchObject({ printFailure: 'no-paper', hygiene });
    fleet.record('kiosk-1', { ...beat, printer: { ...printer, lastPrint: { outcome: 'printed', at } } });
    expect(cabin(sent[4]!)).toMatchObject({ printFailure: null });
    boards.close();
  });

  it("names on the cabin the devices the kiosk's last report has out of service by calibration, and why", async () => {
    const directory = new PharmacyDirectory(null);
    await directory.upsertPharmacy({ id: 'pharmacie-a', name: 'A' });
    await directory.assignKiosk('kiosk-1', 'pharmacie-a', 'Cabine 1');
    const fleet = new FleetRegistry(new ManualClock());
    const calls = { kioskCalls: () => new Map(), onChange: () => {}, away: { list: () => [] } };
    const desk = new AlertDesk({ portalsOpen: () => 0, clock: new ManualClock() });
    const boards = new PharmacyBoards({ directory, fleet, calls, desk, clock: new ManualClock() });
    const device = (deviceId: string, kind: DeviceStatus['kind'], calibration: DeviceStatus['calibration']) => ({
      deviceId,
      model: 'm',
      modelName: 'M',
      kind,
      state: 'connected' as const,
      reason: null,
      calibration,
      since: '2026-12-05T10:00:00Z',
    });
    const devices = [
      device('bp-1', 'blood-pressure', 'failed'),
      device('thermometer-1', 'thermometer', 'expired'),
      device('oximeter-1', 'oximeter', 'valid'),
      device('card-1', 'card-reader', 'unknown'),
    ];
    fleet.record('kiosk-1', { version: '1', uptimeSeconds: 1, devices, inSession: false });
    expect(boards.board('pharmacie-a').cabins[0]!.devicesOutOfService).toEqual([
      { deviceId: 'bp-1', kind: 'blood-pressure', calibration: 'failed' },
      { deviceId: 'thermometer-1', kind: 'thermometer', calibration: 'expired' },
    ]);
    boards.close();
  });
});

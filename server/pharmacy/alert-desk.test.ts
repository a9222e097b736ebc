import { describe, expect, it } from 'vitest';
import type { AlertAnswer } from '../../common/pharmacy/alerts';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { AlertDesk, KEEP_ACKNOWLEDGED_MS } from './alert-desk';

const A1 = '0b8e0f6c-7a41-4d7e-9a51-3f3f6a0d1e01';
const A2 = '0b8e0f6c-7a41-4d7e-9a51-3f3f6a0d1e02';
const CABIN_1 = { kioskId: 'kiosk-1', pharmacyId: 'pharmacie-a', cabinLabel: 'Cabine 1' };
const CABIN_OTHER = { kioskId: 'kiosk-9', pharmacyId: 'pharmacie-b', cabinLabel: 'Cabine 9' };
const CAMILLE = { name: 'Camille Durand', pharmacyId: 'pharmacie-a' };

function desk(portals = 0, escalationMs = 60_000) {
  const clock = new ManualClock();
  const open = { count: portals };
  const changes: string[] = [];
  const d = new AlertDesk({ portalsOpen: () => open.count, clock, escalationMs, deliveryWaitMs: 3_000 });
  d.onChange((pharmacyId) => changes.push(pharmacyId));
  return { d, clock, open, changes };
}

/** Lets promise callbacks run (the desk resolves waits from clock timers and method calls). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('AlertDesk', () => {
  it('answers at once that an alert is undelivered when no portal of the pharmacy is open', async () => {
    const { d, changes } = desk(0);
    const answer = await d.raise(CABIN_1, { alertId: A1, kind: 'help' });
    expect(answer).toMatchObject({ alertId: A1, kind: 'help', status: 'undelivered', escalated: false });
    expect(changes).toEqual(['pharmacie-a']);
    // It stays on the platform: a portal that opens later gets it and delivers it.
    expect(d.forPharmacy('pharmacie-a')).toMatchObject([{ alertId: A1, status: 'open', cabinLabel: 'Cabine 1' }]);
    d.received('pharmacie-a', 'socket-1', [A1]);
    expect(d.answer('kiosk-1', A1)?.status).toBe('delivered');
  });

  it('waits for an open portal to confirm the alert is on screen, and says delivered only then', async () => {
    const { d } = desk(1);
    let answer: AlertAnswer | null = null;
    void d.raise(CABIN_1, { alertId: A1, kind: 'emergency' }).then((a) => (answer = a));
    await settle();
    expect(answer).toBeNull();
    // Another pharmacy's portal confirming it changes nothing.
    d.received('pharmacie-b', 'socket-9', [A1]);
    await settle();
    expect(answer).toBeNull();
    d.received('pharmacie-a', 'socket-1', [A1]);
    await settle();
    expect(answer).toMatchObject({ status: 'delivered', kind: 'emergency' });
  });

  it('says undelivered when the open portals do not confirm within the delivery wait', async () => {
    const { d, clock } = desk(2);
    const raised = d.raise(CABIN_1, { alertId: A1, kind: 'help' });
    await settle();
    clock.advance(3_000);
    expect(await raised).toMatchObject({ status: 'undelivered' });
  });

  it('escalates an alert nobody acknowledged after the configured delay, and not an acknowledged one', async () => {
    const { d, clock, changes } = desk(0, 5_000);
    await d.raise(CABIN_1, { alertId: A1, kind: 'help' });
    await d.raise(CABIN_1, { alertId: A2, kind: 'emergency' });
    d.received('pharmacie-a', 'socket-1', [A1, A2]);
    d.acknowledge(CAMILLE, A2);
    changes.length = 0;
    clock.advance(4_999);
    expect(d.answer('kiosk-1', A1)?.escalated).toBe(false);
    clock.advance(1);
    expect(d.answer('kiosk-1', A1)).toMatchObject({ status: 'delivered', escalated: true });
    expect(d.answer('kiosk-1', A2)).toMatchObject({ status: 'acknowledged', escalated: false });
    expect(changes).toEqual(['pharmacie-a']);
    expect(d.forPharmacy('pharmacie-a')[0]).toMatchObject({ alertId: A1, escalated: true, status: 'open' });
  });

  it('names the first pharmacist who acknowledged, and refuses another pharmacy', async () => {
    const { d, clock } = desk(0);
    await d.raise(CABIN_1, { alertId: A1, kind: 'help' });
    expect(() => d.acknowledge({ name: 'Autre', pharmacyId: 'pharmacie-b' }, A1)).toThrow(/no such open alert/);
    clock.advance(10_000);
    const view = d.acknowledge(CAMILLE, A1);
    expect(view).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Camille Durand' });
    expect(view.acknowledgedAt).toBe(new Date(clock.now()).toISOString());
    expect(d.acknowledge({ name: 'Second', pharmacyId: 'pharmacie-a' }, A1).acknowledgedBy).toBe('Camille Durand');
    expect(d.kiosksCallingFor('pharmacie-a').size).toBe(0);
    // Acknowledged alerts stay on the portals for a while, then go.
    clock.advance(KEEP_ACKNOWLEDGED_MS + 1);
    expect(d.forPharmacy('pharmacie-a')).toEqual([]);
  });

  it('answers a long poll when the alert changes, or as it is when the poll time runs out', async () => {
    const { d, clock } = desk(0);
    const first = await d.raise(CABIN_1, { alertId: A1, kind: 'help' });
    let polled: AlertAnswer | null = null;
    void d.watch('kiosk-1', A1, first.version, 20_000).then((a) => (polled = a));
    await settle();
    expect(polled).toBeNull();
    d.received('pharmacie-a', 'socket-1', [A1]);
    await settle();
    expect(polled).toMatchObject({ status: 'delivered' });
    const timedOut = d.watch('kiosk-1', A1, polled!.version, 20_000);
    await settle();
    clock.advance(20_000);
    expect(await timedOut).toMatchObject({ status: 'delivered', version: polled!.version });
    // A version already passed answers at once; another kiosk's alert is unknown to it.
    expect(await d.watch('kiosk-1', A1, -1, 20_000)).toMatchObject({ status: 'delivered' });
    expect(await d.watch('kiosk-2', A1, -1, 20_000)).toBeNull();
  });

  it('treats a raise again under the same id as the same alert, and refuses it from another kiosk', async () => {
    const { d } = desk(0);
    await d.raise(CABIN_1, { alertId: A1, kind: 'help' });
    d.received('pharmacie-a', 's', [A1]);
    expect(await d.raise(CABIN_1, { alertId: A1, kind: 'help' })).toMatchObject({ status: 'delivered' });
    expect(d.forPharmacy('pharmacie-a')).toHaveLength(1);
    await expect(d.raise({ ...CABIN_1, kioskId: 'kiosk-2' }, { alertId: A1, kind: 'help' })).rejects.toThrow(
      /another kiosk/,
    );
  });

  it('closes an alert the pharmacist answered at the cabin, everywhere', async () => {
    const { d } = desk(0);
    await d.raise(CABIN_1, { alertId: A1, kind: 'help' });
    let polled: AlertAnswer | null = null;
    void d.watch('kiosk-1', A1, 5, 20_000).then((a) => (polled = a));
    expect(d.resolve('kiosk-2', A1)).toBeNull();
    expect(d.resolve('kiosk-1', A1)).toMatchObject({ status: 'resolved' });
    await settle();
    expect(polled).toMatchObject({ status: 'resolved' });
    expect(d.forPharmacy('pharmacie-a')).toEqual([]);
    expect(d.answer('kiosk-1', A1)).toBeNull();
  });

  it('keeps each pharmacy to its own alerts, open ones first and oldest first', async () => {
    const { d, clock } = desk(0);
    await d.raise(CABIN_OTHER, { alertId: A2, kind: 'help' });
    await d.raise(CABIN_1, { alertId: A1, kind: 'help' });
    clock.advance(1_000);
    const third = '0b8e0f6c-7a41-4d7e-9a51-3f3f6a0d1e03';
    const fourth = '0b8e0f6c-7a41-4d7e-9a51-3f3f6a0d1e04';
    await d.raise(CABIN_1, { alertId: third, kind: 'emergency' });
    await d.raise(CABIN_1, { alertId: fourth, kind: 'help' });
    d.acknowledge(CAMILLE, A1);
    expect(d.forPharmacy('pharmacie-a').map((a) => a.alertId)).toEqual([third, fourth, A1]);
    expect(d.forPharmacy('pharmacie-b').map((a) => a.alertId)).toEqual([A2]);
  });

  it('tells nobody about a kiosk of no pharmacy, and says so to the kiosk', async () => {
    const { d, changes } = desk(3);
    const answer = await d.raise(
      { kioskId: 'stray', pharmacyId: null, cabinLabel: 'stray' },
      { alertId: A1, kind: 'help' },
    );
    expect(answer.status).toBe('undelivered');
    expect(changes).toEqual([]);
  });
});

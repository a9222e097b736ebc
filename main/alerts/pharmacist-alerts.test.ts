import { describe, expect, it } from 'vitest';
import type { AlertAnswer, AlertKind, KioskAlertView } from '../../common/pharmacy/alerts';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { AlertRequestError, type AlertClient } from './alert-client';
import { PharmacistAlerts } from './pharmacist-alerts';

const ID = '3f2e1d0c-9b8a-4f7e-8d6c-5b4a39281706';

type Reply = AlertAnswer | 'unknown' | AlertRequestError;

/** A platform the test answers by hand: each request waits until the test replies to it. */
class FakePlatform {
  readonly requests: {
    what: 'raise' | 'watch' | 'resolve';
    id: string;
    after?: number;
    kind?: AlertKind;
    reply(r: Reply): void;
  }[] = [];
  readonly client: AlertClient = {
    raise: (id, kind, signal) => this.wait({ what: 'raise', id, kind }, signal),
    watch: (id, after, signal) => this.wait({ what: 'watch', id, after }, signal),
    resolve: (id, signal) => this.wait({ what: 'resolve', id }, signal),
  };

  private wait(
    request: { what: 'raise' | 'watch' | 'resolve'; id: string; after?: number; kind?: AlertKind },
    signal: AbortSignal,
  ): Promise<AlertAnswer | 'unknown'> {
    return new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new AlertRequestError('aborted')));
      this.requests.push({ ...request, reply: (r) => (r instanceof AlertRequestError ? reject(r) : resolve(r)) });
    });
  }

  /** The newest request, once it has been made. */
  async next(what: 'raise' | 'watch' | 'resolve', count: number) {
    await expect.poll(() => this.requests.filter((r) => r.what === what).length).toBeGreaterThanOrEqual(count);
    return this.requests.filter((r) => r.what === what)[count - 1]!;
  }
}

const answer = (
  status: AlertAnswer['status'],
  version: number,
  escalated = false,
  kind: AlertKind = 'help',
): AlertAnswer => ({
  alertId: ID,
  kind,
  status,
  escalated,
  version,
});

function tracker() {
  const platform = new FakePlatform();
  const clock = new ManualClock();
  const refusals: unknown[] = [];
  const alerts = new PharmacistAlerts({
    client: platform.client,
    clock,
    random: () => 0.5,
    newId: () => ID,
    onRefused: (code) => refusals.push(code),
  });
  const views: (KioskAlertView | null)[] = [];
  alerts.onChange((v) => views.push(v));
  return { alerts, platform, clock, views, refusals };
}

describe('PharmacistAlerts', () => {
  it('says "sending", then only what the platform confirmed: delivered, then acknowledged', async () => {
    const { alerts, platform, views } = tracker();
    alerts.raise('help');
    expect(alerts.current()).toEqual({ kind: 'help', state: 'sending' });
    (await platform.next('raise', 1)).reply(answer('delivered', 2));
    await expect.poll(() => alerts.current()?.state).toBe('delivered');
    const poll = await platform.next('watch', 1);
    expect(poll.after).toBe(2);
    poll.reply(answer('acknowledged', 3));
    await expect.poll(() => alerts.current()?.state).toBe('acknowledged');
    expect(views.map((v) => v?.state)).toEqual(['sending', 'delivered', 'acknowledged']);
    // Acknowledged is final: no more polling.
    await new Promise((r) => setImmediate(r));
    expect(platform.requests.filter((r) => r.what === 'watch')).toHaveLength(1);
  });

  it('says undelivered when no portal is open, then delivered when one opens later; unanswered once escalated', async () => {
    const { alerts, platform } = tracker();
    alerts.raise('help');
    (await platform.next('raise', 1)).reply(answer('undelivered', 1));
    await expect.poll(() => alerts.current()?.state).toBe('undelivered');
    (await platform.next('watch', 1)).reply(answer('delivered', 2));
    await expect.poll(() => alerts.current()?.state).toBe('delivered');
    (await platform.next('watch', 2)).reply(answer('delivered', 3, true));
    await expect.poll(() => alerts.current()?.state).toBe('unanswered');
  });

  it('says unreachable when the platform cannot be reached, retries with backoff, and recovers', async () => {
    const { alerts, platform, clock, refusals } = tracker();
    alerts.raise('emergency');
    (await platform.next('raise', 1)).reply(new AlertRequestError('platform unreachable (TypeError)'));
    await expect.poll(() => alerts.current()).toEqual({ kind: 'emergency', state: 'unreachable' });
    await clock.timerSet();
    expect(clock.pendingDelays()).toEqual([850]);
    clock.advance(850);
    (await platform.next('raise', 2)).reply(new AlertRequestError('platform refused (HTTP 401)', 'credential-revoked'));
    await expect.poll(() => refusals).toEqual(['credential-revoked']);
    await clock.timerSet();
    clock.advance(clock.pendingDelays()[0]!);
    (await platform.next('raise', 3)).reply(answer('delivered', 1, false, 'emergency'));
    await expect.poll(() => alerts.current()).toEqual({ kind: 'emergency', state: 'delivered' });
  });

  it('raises the same alert again when the platform forgot it (a restart)', async () => {
    const { alerts, platform } = tracker();
    alerts.raise('help');
    (await platform.next('raise', 1)).reply(answer('delivered', 1));
    (await platform.next('watch', 1)).reply('unknown');
    const again = await platform.next('raise', 2);
    expect(again.id).toBe(ID);
    again.reply(answer('undelivered', 1));
    await expect.poll(() => alerts.current()?.state).toBe('undelivered');
  });

  it('lets the emergency take over from a help request, but not the other way round', async () => {
    const { alerts, platform } = tracker();
    alerts.raise('help');
    alerts.raise('help');
    expect(platform.requests.filter((r) => r.what === 'raise')).toHaveLength(1);
    alerts.raise('emergency');
    expect(alerts.current()).toEqual({ kind: 'emergency', state: 'sending' });
    expect((await platform.next('raise', 2)).kind).toBe('emergency');
    alerts.raise('help');
    expect(alerts.current()?.kind).toBe('emergency');
  });

  it('closes the alert on the platform when the pharmacist answered at the cabin, and forgets it on the wipe', async () => {
    const { alerts, platform } = tracker();
    alerts.raise('help');
    (await platform.next('raise', 1)).reply(answer('delivered', 1));
    await platform.next('watch', 1);
    alerts.resolve();
    expect(alerts.current()).toBeNull();
    expect((await platform.next('resolve', 1)).id).toBe(ID);
    alerts.raise('help');
    alerts.forget();
    expect(alerts.current()).toBeNull();
    // A late answer of a forgotten alert changes nothing.
    platform.requests.filter((r) => r.what === 'raise')[1]!.reply(answer('delivered', 1));
    await new Promise((r) => setImmediate(r));
    expect(alerts.current()).toBeNull();
  });
});

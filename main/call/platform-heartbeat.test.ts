import { describe, expect, it } from 'vitest';
import type { Clock } from '../../common/util/clock';
import { startPlatformHeartbeat } from './platform-heartbeat';

function manualClock() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
    await new Promise<void>((resolve) => queueMicrotask(resolve));
  };
  return { clock, advance, pending: () => timers.length };
}

describe('platform heartbeat', () => {
  it('reports version, uptime, devices and occupancy every interval with the kiosk credential', async () => {
    const { clock, advance } = manualClock();
    const bodies: { url: string; auth: string; body: Record<string, unknown> }[] = [];
    let failing = false;
    const fetchFake = (async (url: string, init: RequestInit) => {
      if (failing) throw new TypeError('fetch failed');
      bodies.push({ url, auth: (init.headers as Record<string, string>).authorization!, body: JSON.parse(init.body as string) as Record<string, unknown> });
      return new Response('{"ok":true}', { status: 200 });
    }) as unknown as typeof fetch;
    const hb = startPlatformHeartbeat({
      platformUrl: 'http://127.0.0.1:8480',
      credential: () => 'kc1.kiosk-a.n.m',
      version: '1.2.3',
      devices: () => [],
      inSession: async () => true,
      clock,
      fetch: fetchFake,
      intervalMs: 1000,
    });
    await advance(0);
    await advance(0);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toEqual({
      url: 'http://127.0.0.1:8480/api/kiosks/heartbeat',
      auth: 'Bearer kc1.kiosk-a.n.m',
      body: { version: '1.2.3', uptimeSeconds: 0, devices: [], inSession: true },
    });
    failing = true;
    expect(await hb.beat()).toBe(false);
    failing = false;
    await advance(1000);
    await advance(0);
    expect(bodies.at(-1)?.body.uptimeSeconds).toBe(1);
    hb.stop();
  });
});

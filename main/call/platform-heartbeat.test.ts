import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { startPlatformHeartbeat } from './platform-heartbeat';

/** The manual clock, then a microtask turn so the heartbeat's fetch callbacks run. */
function manualClock() {
  const clock = new ManualClock(0);
  const advance = async (ms: number) => {
    clock.advance(ms);
    await new Promise<void>((resolve) => queueMicrotask(resolve));
  };
  return { clock, advance };
}

describe('platform heartbeat', () => {
  it('reports version, uptime, devices and occupancy every interval with the kiosk credential', async () => {
    const { clock, advance } = manualClock();
    const bodies: { url: string; auth: string; body: Record<string, unknown> }[] = [];
    let failing = false;
    const fetchFake = (async (url: string, init: RequestInit) => {
      if (failing) throw new TypeError('fetch failed');
      bodies.push({
        url,
        auth: (init.headers as Record<string, string>).authorization!,
        body: JSON.parse(init.body as string) as Record<string, unknown>,
      });
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

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { PlatformCredential } from '../platform-credential';
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
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({
      url: 'http://127.0.0.1:8480/api/kiosks/heartbeat',
      auth: 'Bearer kc1.kiosk-a.n.m',
      body: { version: '1.2.3', uptimeSeconds: 0, devices: [], inSession: true },
    });
    failing = true;
    expect(await hb.beat()).toBe(false);
    failing = false;
    await advance(1000);
    await vi.waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies.at(-1)?.body.uptimeSeconds).toBe(1);
    hb.stop();
  });

  it("carries the cabin's printer and hygiene checklist when told them", async () => {
    const bodies: Record<string, unknown>[] = [];
    const fetchFake = (async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(init.body as string) as Record<string, unknown>);
      return new Response('{"ok":true}', { status: 200 });
    }) as unknown as typeof fetch;
    const printer = {
      reachable: true,
      reasons: ['media-empty-report'],
      paper: [{ name: 'main', levelPercent: 0 }],
      supplies: [{ name: 'Black Toner', levelPercent: 75 }],
      lastPrint: { outcome: 'no-paper' as const, at: '2026-12-05T10:00:00.000Z' },
    };
    const hygiene = { due: true, confirmedAt: null, lastSessionEndedAt: '2026-12-05T09:59:00.000Z' };
    const hb = startPlatformHeartbeat({
      platformUrl: 'http://127.0.0.1:8480',
      credential: () => 'kc1.kiosk-a.n.m',
      version: '1',
      devices: () => [],
      inSession: () => false,
      cabin: async () => ({ printer, hygiene }),
      clock: new ManualClock(0),
      fetch: fetchFake,
    });
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ printer, hygiene });
    hb.stop();
  });

  it('stores the new credential the platform hands over and uses it from the next beat; passes on a refusal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heartbeat-'));
    const credential = new PlatformCredential(join(dir, 'credential'));
    writeFileSync(credential.file, 'kc2.old\n');
    const answers = [
      { status: 200, body: { ok: true, credential: 'kc2.renewed-credential' } },
      { status: 401, body: { error: 'credential-revoked', message: 'credential revoked' } },
    ];
    const sent: string[] = [];
    const fetchFake = (async (_url: string, init: RequestInit) => {
      sent.push((init.headers as Record<string, string>).authorization!);
      const answer = answers.shift()!;
      return new Response(JSON.stringify(answer.body), { status: answer.status });
    }) as unknown as typeof fetch;
    const refusals: unknown[] = [];
    const hb = startPlatformHeartbeat({
      platformUrl: 'http://127.0.0.1:8480',
      credential: () => credential.require(),
      onRenewed: (renewed) => credential.replace(renewed),
      onRefused: (code) => refusals.push(code),
      version: '1',
      devices: () => [],
      inSession: () => false,
      clock: new ManualClock(0),
      fetch: fetchFake,
      intervalMs: 60_000,
    });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    await vi.waitFor(() => expect(credential.read()).toBe('kc2.renewed-credential'));
    expect(statSync(credential.file).mode & 0o777).toBe(0o600);
    expect(await hb.beat()).toBe(false);
    expect(sent).toEqual(['Bearer kc2.old', 'Bearer kc2.renewed-credential']);
    expect(refusals).toEqual(['credential-revoked']);
    hb.stop();
    rmSync(dir, { recursive: true, force: true });
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEV_DOCTOR } from './auth/doctor-accounts';
import type { Platform } from './platform';
import { startTestPlatform } from './testing/test-platform';
import { requireMediasoupWorker } from './testing/mediasoup-stack';
import { connectDoctor } from './testing/signal-clients';

const mediasoup = await requireMediasoupWorker();
let platform: Platform;

beforeAll(async () => {
  const consoleDir = join(mkdtempSync(join(tmpdir(), 'platform-console-')), 'console');
  mkdirSync(join(consoleDir, 'assets'), { recursive: true });
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><html><head></head></html>');
  writeFileSync(join(consoleDir, 'assets', 'app.js'), 'export {}');
  // The pharmacist's portal is served alike, from its own build.
  const portalDir = join(consoleDir, '..', 'portal');
  mkdirSync(portalDir, { recursive: true });
  writeFileSync(join(portalDir, 'index.html'), '<!doctype html><html><head></head></html>');
  platform = await startTestPlatform({
    consoleDir,
    portalDir,
    signInLimits: { perAccount: 3, perAddress: 6, overall: 1000, windowSeconds: 900 },
  });
});
afterAll(async () => platform?.close());

const signIn = (body: unknown) =>
  fetch(`${platform.url}/api/doctor/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

mediasoup.describe('the platform over HTTP', () => {
  it('sends the security headers on every page and API answer, and no-store on all but built assets', async () => {
    const answers: [string, number][] = [
      ['/healthz', 200],
      ['/console/', 200],
      ['/console/queue/1', 200],
      ['/console/assets/app.js', 200],
      ['/portal/', 200],
      ['/api/kiosks/alerts/0b8e0f6c-7a41-4d7e-9a51-3f3f6a0d1e01', 401],
      ['/api/fleet', 401],
      ['/api/prescriptions/RX-2026-000001-1.pdf', 401],
      ['/api/records/sessions/x/fhir', 401],
      ['/api/consultations/x/report', 401],
      ['/verify/RX-2026-000001-1', 404],
      ['/nope', 404],
    ];
    for (const [path, status] of answers) {
      const res = await fetch(`${platform.url}${path}`);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'.*object-src 'none'/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      const cache = path.includes('/assets/') ? 'public, max-age=3600' : 'no-store';
      expect(res.headers.get('cache-control'), path).toBe(cache);
    }
  });

  it('answers a sign-in whose body fails its schema with a 400 naming the field', async () => {
    const res = await signIn({ email: 42, password: 'x' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string; issues: { path: string }[] };
    expect(body.error).toBe('invalid-input');
    expect(body.issues[0]?.path).toBe('email');
    expect(body.message).toMatch(/email/);
  });

  it('locks an account against parallel guessing, then the address, over HTTP and signalling alike', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 20 }, () => signIn({ email: 'target@kiosk.test', password: 'guess' })),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    const locked = guesses.find((r) => r.status === 429)!;
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ error: 'too-many-attempts' });

    // Three more failures from this address on other accounts reach its limit of six: even the
    // right password of another doctor is refused from here now.
    for (const email of ['a@kiosk.test', 'b@kiosk.test', 'c@kiosk.test'])
      expect((await signIn({ email, password: 'guess' })).status).toBe(401);
    expect((await signIn({ email: DEV_DOCTOR.email, password: DEV_DOCTOR.password })).status).toBe(429);
    // The signalling sign-in counts against the same limits.
    await expect(connectDoctor(platform)).rejects.toThrow(/too many failed attempts/);
  });

  it('limits the request rate of the public verification route per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await fetch(`${platform.url}/verify/RX-2026-000001-${i % 10}`)).status);
    // The first test asked once already: the 60th of this loop is the 61st of the minute.
    expect(statuses.indexOf(429)).toBe(59);
    expect(statuses.slice(0, 59).every((s) => s === 404)).toBe(true);
  });
});

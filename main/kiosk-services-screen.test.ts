import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { PLATFORM_API } from '../common/signaling/fleet';
import { requireSocat } from '../drivers/simulators/testing/socat-stack';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../kiosk-config/load';
import { createKioskServices, type KioskServices } from './kiosk-services';

const socat = await requireSocat();

let dir: string | null = null;
let services: KioskServices | null = null;
let server: Server | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** An HTTP server standing for the platform: it keeps the heartbeats' bodies and answers the rest 404. */
async function listeningPlatform(): Promise<{ url: string; beats: Record<string, unknown>[] }> {
  const beats: Record<string, unknown>[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url !== PLATFORM_API.heartbeat) return res.writeHead(404).end('{"error":"not-here"}');
      beats.push(JSON.parse(body) as Record<string, unknown>);
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, beats };
}

socat.describe('the kiosk whose screens failed for good (the real composition root)', () => {
  it('tells the platform at once by a heartbeat, not at the next 30 s beat', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-screen-'));
    const platform = await listeningPlatform();
    const loaded = loadConfig(DEFAULT_CONFIG_PATH, {
      KIOSK_RUNTIME_DIR: join(dir, 'run'),
      KIOSK_DATA_DIR: join(dir, 'data'),
    });
    const credentialFile = join(dir, 'credential');
    writeFileSync(credentialFile, 'kc1.kiosk-screen-test.n.m\n');
    const config = { ...loaded, platform: { ...loaded.platform, url: platform.url, credentialFile } };
    services = await createKioskServices({ config, version: 'test', simulated: true });
    await vi.waitFor(() => expect(platform.beats.length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(platform.beats.at(-1)).toMatchObject({ screen: 'ok' });
    const before = platform.beats.length;
    services.screenFailed('renderer crashed 3 times in 10 min');
    // At once, not at the next 30 s beat.
    await vi.waitFor(() => expect(platform.beats.length).toBeGreaterThan(before), { timeout: 5_000 });
    expect(platform.beats.at(-1)).toMatchObject({ screen: 'failed' });
  }, 30_000);
});

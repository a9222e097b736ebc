import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { TEST_INFO } from '../../common/ipc/testing/kiosk-info';
import { sampleDeviceStatus } from '../../common/records/testing/samples';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { KioskEventHub } from '../ipc/event-hub';
import { createDispatcher } from '../ipc/dispatch';
import { testHandlers } from '../ipc/testing/test-handlers';
import { startWebHost, type WebHost } from './web-host';

let host: WebHost;
let events: KioskEventHub;

beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'web-host-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<html><head></head><body>app</body></html>');
  writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)');
  events = new KioskEventHub();
  host = await startWebHost({
    staticDir: dir,
    dispatch: createDispatcher(testHandlers()),
    events,
    port: 0,
    platformOrigins: ['http://127.0.0.1:8480'],
  });
});
afterEach(async () => host.close());

async function tokenOf(url: string) {
  const html = await (await fetch(url)).text();
  return /name="kiosk-api-token" content="([^"]+)"/.exec(html)![1]!;
}

function open(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const nextMessage = (ws: WebSocket) =>
  new Promise<unknown>((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));

describe('web host', () => {
  it('serves the app with a token, a CSP and SPA fallback; refuses non-GET', async () => {
    const res = await fetch(`${host.url}welcome/anything`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:8480");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toMatch(/kiosk-api-token/);
    expect((await fetch(`${host.url}assets/missing.js`)).status).toBe(404);
    expect((await fetch(host.url, { method: 'POST' })).status).toBe(405);
  });

  it('carries invokes and events for a client with the token and the right origin', async () => {
    const origin = host.url.replace(/\/$/, '');
    const ws = await open(`${origin.replace('http', 'ws')}/kiosk-api?token=${await tokenOf(host.url)}`, origin);
    ws.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'kiosk:get-info', request: {} }));
    expect(await nextMessage(ws)).toEqual({ type: 'result', id: 7, envelope: { ok: true, value: TEST_INFO } });
    const status = sampleDeviceStatus();
    const eventFrame = nextMessage(ws);
    events.emit('onDeviceStatusChanged', status);
    expect(await eventFrame).toEqual({ type: 'event', channel: 'device:status-changed', payload: status });
    ws.close();
  });

  it('refuses a wrong token and a foreign origin', async () => {
    const origin = host.url.replace(/\/$/, '');
    const ws = origin.replace('http', 'ws');
    await expect(open(`${ws}/kiosk-api?token=wrong`, origin)).rejects.toThrow('HTTP 403');
    await expect(open(`${ws}/kiosk-api?token=${await tokenOf(host.url)}`, 'http://evil.example')).rejects.toThrow(
      'HTTP 403',
    );
  });

  it('closes the socket on a malformed frame and keeps serving others', async () => {
    const origin = host.url.replace(/\/$/, '');
    const url = `${origin.replace('http', 'ws')}/kiosk-api?token=${await tokenOf(host.url)}`;
    const bad = await open(url, origin);
    const closed = new Promise<number>((r) => bad.once('close', (code) => r(code)));
    bad.send('not json {');
    expect(await closed).toBe(1003);
    const good = await open(url, origin);
    good.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'device:list', request: {} }));
    expect(await nextMessage(good)).toMatchObject({ envelope: { ok: true, value: [] } });
    good.close();
  });
});

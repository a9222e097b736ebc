import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, startPlatformHttp, type PlatformHttp } from './http-server';

let http: PlatformHttp | undefined;
afterEach(async () => http?.close());

describe('platform HTTP server', () => {
  it('binds loopback, routes in order and answers 404 as JSON otherwise', async () => {
    http = await startPlatformHttp(
      [(_req, res, url) => url.pathname === '/healthz' && sendJson(res, 200, { ok: true })],
      0,
    );
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${http.url}/healthz`)).json()).toEqual({ ok: true });
    const missing = await fetch(`${http.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not-found' });
  });

  it('turns a throwing route into a 500 without stopping the server', async () => {
    http = await startPlatformHttp(
      [
        () => {
          throw new Error('boom');
        },
      ],
      0,
    );
    const original = console.error;
    console.error = () => {};
    try {
      expect((await fetch(`${http.url}/x`)).status).toBe(500);
      expect((await fetch(`${http.url}/x`)).status).toBe(500);
    } finally {
      console.error = original;
    }
  });

  it('answers a malformed request line or Host header without stopping', async () => {
    http = await startPlatformHttp(
      [(_req, res, url) => url.pathname === '/healthz' && sendJson(res, 200, { ok: true })],
      0,
    );
    const { port } = new URL(http.url);
    const { connect } = await import('node:net');
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(text));
        let data = '';
        socket.on('data', (d) => (data += d.toString()));
        socket.on('close', () => resolve(data));
      });
    expect(await raw('GET /healthz HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 (200|400)/,
    );
    expect(await raw('GET //x:y:z HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 (404|400)/,
    );
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
  });
});

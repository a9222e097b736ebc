import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpServer, listen, sendError, type HttpApp } from './http-server';

let app: HttpApp | undefined;
afterEach(async () => app?.close());

async function started(build: (app: HttpApp) => void, bodyLimit?: number): Promise<string> {
  app = await createHttpServer({ name: 'test:http', connectTo: ['wss://platform.example'], bodyLimit });
  build(app);
  return listen(app, 0);
}

const postJson = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const Person = z.object({ name: z.string().min(1), age: z.number().int().nonnegative() }).strict();

describe('the HTTP server every Node side uses', () => {
  it('binds loopback and answers an unknown route with a JSON 404', async () => {
    const url = await started((a) => a.get('/healthz', () => ({ ok: true })));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
    const missing = await fetch(`${url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not-found' });
  });

  it('puts the security headers and no-store on every response: success, refusal, 404 and 500', async () => {
    const url = await started((a) => {
      a.get('/ok', () => ({ ok: true }));
      a.get('/refused', (_req, reply) => sendError(reply, 401, 'unauthorised', 'no'));
      a.get('/boom', () => {
        throw new Error('boom');
      });
    });
    for (const [path, status] of [
      ['/ok', 200],
      ['/refused', 401],
      ['/nope', 404],
      ['/boom', 500],
    ] as const) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(status);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("connect-src 'self' wss://platform.example");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('answers a body failing its schema with a 400 naming the field, before the handler runs', async () => {
    let handled = 0;
    const url = await started((a) =>
      a.post('/people', { schema: { body: Person } }, (request) => {
        handled += 1;
        return { hello: request.body.name };
      }),
    );
    const bad = await postJson(`${url}/people`, { name: 'Ada', age: 'old' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; message: string; issues: { path: string }[] };
    expect(body.error).toBe('invalid-input');
    expect(body.message).toMatch(/^body: age: /);
    expect(body.issues.map((i) => i.path)).toEqual(['age']);
    expect((await postJson(`${url}/people`, { name: 'Ada', age: 36, extra: 1 })).status).toBe(400);
    const notJson = await postJson(`${url}/people`, '{"name": ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'invalid-json' });
    expect(handled).toBe(0);
    expect(await (await postJson(`${url}/people`, { name: 'Ada', age: 36 })).json()).toEqual({ hello: 'Ada' });
  });

  it('refuses a body over the limit with 413 and a body of another media type (a cross-site form) with 415', async () => {
    const url = await started((a) => a.post('/people', { schema: { body: Person } }, () => ({})), 1000);
    const large = await postJson(`${url}/people`, { name: 'x'.repeat(2000), age: 1 });
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ error: 'too-large', message: 'the body exceeds 1000 bytes' });
    const text = await fetch(`${url}/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<x/>',
    });
    expect(text.status).toBe(415);
  });

  it('turns a throwing route into a 500 that reveals nothing, and keeps serving', async () => {
    const url = await started((a) => {
      a.get('/boom', () => {
        throw new Error('secret detail');
      });
      a.get('/ok', () => ({ ok: true }));
    });
    const res = await fetch(`${url}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret detail');
    expect((await fetch(`${url}/ok`)).status).toBe(200);
  });

  it('answers a malformed request line or Host header without stopping', async () => {
    const url = await started((a) => a.get('/healthz', () => ({ ok: true })));
    const { port } = new URL(url);
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
    expect(await raw('GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 (404|400)/,
    );
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

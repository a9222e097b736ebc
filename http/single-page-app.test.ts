import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, listen, type HttpApp } from './http-server';
import { serveSinglePageApp, type SinglePageAppOptions } from './single-page-app';

let app: HttpApp | undefined;
afterEach(async () => app?.close());

function build(): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'spa-'));
  const dir = join(root, 'app');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>app</title></head></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(dir, 'assets', 'style.css'), 'body {}');
  writeFileSync(join(root, 'secret.txt'), 'nope');
  return { root, dir };
}

async function serve(options: Omit<SinglePageAppOptions, 'name'>): Promise<string> {
  app = await createHttpServer({ name: 'test:spa' });
  await serveSinglePageApp(app, { name: 'the test app', ...options });
  return listen(app, 0);
}

describe('a single-page app served from its build folder', () => {
  it('serves files with their types, falls back to index.html for app routes, never escapes the folder', async () => {
    const { dir } = build();
    const url = await serve({ root: dir, prefix: '/console/' });
    const js = await fetch(`${url}/console/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/max-age=3600/);
    expect(await js.text()).toBe('export {}');
    expect((await fetch(`${url}/console/assets/style.css`)).headers.get('content-type')).toMatch(/text\/css/);
    const route = await fetch(`${url}/console/queue/123`);
    expect(route.headers.get('content-type')).toMatch(/text\/html/);
    expect(route.headers.get('cache-control')).toBe('no-store');
    expect(await route.text()).toContain('<title>app</title>');
    expect(await (await fetch(`${url}/console/`)).text()).toContain('<title>app</title>');
    for (const path of ['/console/../secret.txt', '/console/%2e%2e/secret.txt', '/console/..%2fsecret.txt']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(await res.text(), path).not.toContain('nope');
    }
    expect((await fetch(`${url}/console/..%2f..%2fapp`)).status).toBe(400);
    expect((await fetch(`${url}/console/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${url}/console`, { redirect: 'manual' })).status).toBe(301);
    expect((await fetch(`${url}/other`)).status).toBe(404);
  });

  it('carries the security headers on its pages and assets', async () => {
    const url = await serve({ root: build().dir, prefix: '/' });
    for (const path of ['/', '/welcome', '/assets/app.js', '/assets/missing.js']) {
      const res = await fetch(`${url}${path}`);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('rewrites index.html on each response and answers only GET and HEAD', async () => {
    let served = 0;
    const url = await serve({
      root: build().dir,
      prefix: '/',
      transformIndex: (html) => html.replace('<head>', `<head><meta name="n" content="${++served}">`),
    });
    expect(await (await fetch(`${url}/`)).text()).toContain('content="1"');
    expect(await (await fetch(`${url}/anything`)).text()).toContain('content="2"');
    expect((await fetch(`${url}/`, { method: 'HEAD' })).status).toBe(200);
    const post = await fetch(`${url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('says how to build the app when it is missing', async () => {
    const url = await serve({ root: join(tmpdir(), 'no-such-build-dir'), prefix: '/console/' });
    for (const path of ['/console/', '/console/queue', '/console/assets/app.js']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(503);
      expect(await res.text(), path).toMatch(/the test app is not built: run `npm run build`/);
    }
  });
});

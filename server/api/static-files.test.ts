import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPlatformHttp, type PlatformHttp } from '../http-server';
import { staticApp } from './static-files';

let http: PlatformHttp | undefined;
afterEach(async () => http?.close());

describe('the console files at /console/', () => {
  it('serves the build, falls back to index.html for app routes, never escapes the folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'console-'));
    const dir = join(root, 'console');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'export {}');
    writeFileSync(join(root, 'secret.txt'), 'nope');
    http = await startPlatformHttp([staticApp('/console/', dir)], 0);
    const js = await fetch(`${http.url}/console/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe('export {}');
    expect(await (await fetch(`${http.url}/console/queue/123`)).text()).toContain('<title>console</title>');
    for (const path of ['/console/../secret.txt', '/console/%2e%2e/secret.txt', '/console/..%2fsecret.txt']) {
      expect(await (await fetch(`${http.url}${path}`)).text()).not.toContain('nope');
    }
    expect((await fetch(`${http.url}/console`, { redirect: 'manual' })).status).toBe(301);
    expect((await fetch(`${http.url}/other`)).status).toBe(404);
  });

  it('says how to build the console when it is missing', async () => {
    http = await startPlatformHttp([staticApp('/console/', join(tmpdir(), 'no-such-console-dir'))], 0);
    const res = await fetch(`${http.url}/console/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });
});

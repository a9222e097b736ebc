import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildElectron } from './build-electron';

describe('Electron bundles', () => {
  it('the sandboxed preload requires nothing but electron', async () => {
    const out = await buildElectron(mkdtempSync(join(tmpdir(), 'electron-build-')));
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    const main = readFileSync(join(out, 'main.mjs'), 'utf8');
    expect(main).toMatch(/from ["']electron["']/);
  }, 60_000);
});

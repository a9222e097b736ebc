import { resolve } from 'node:path';
import type { UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';

// The console's config belongs to the web project; it is loaded here by path, as vite does.
const CONFIG = resolve(import.meta.dirname, '../console/vite.config.ts');

describe('the doctor console build', () => {
  it('ships no source maps and is based at /console/, where the platform serves it', async () => {
    const { default: config } = (await import(CONFIG)) as { default: UserConfig };
    expect(config.build?.sourcemap).toBe(false);
    expect(config.base).toBe('/console/');
  });
});

// The portal's config belongs to the web project too.
const PORTAL_CONFIG = resolve(import.meta.dirname, '../portal/vite.config.ts');

describe("the pharmacist's portal build", () => {
  it('ships no source maps and is based at /portal/, where the platform serves it', async () => {
    const { default: config } = (await import(PORTAL_CONFIG)) as { default: UserConfig };
    expect(config.build?.sourcemap).toBe(false);
    expect(config.base).toBe('/portal/');
  });
});

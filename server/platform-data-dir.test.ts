import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { platformDataDir } from './platform-data-dir';

describe('platformDataDir', () => {
  it('takes --data-dir, then PLATFORM_DATA_DIR, then ./.platform-data, always absolute', () => {
    expect(platformDataDir('rel/flag', { PLATFORM_DATA_DIR: '/env' })).toBe(resolve('rel/flag'));
    expect(platformDataDir(undefined, { PLATFORM_DATA_DIR: '/env' })).toBe('/env');
    expect(platformDataDir(undefined, { KIOSK_DATA_DIR: '/kiosk' })).toBe(resolve('.platform-data'));
  });
});

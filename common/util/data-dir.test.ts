import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  const fallback = () => '/default';

  it('takes the explicit option over the environment and the default', () => {
    expect(resolveDataDir({ option: '/flag', variable: 'X_DIR', env: { X_DIR: '/env' }, fallback })).toBe('/flag');
  });

  it('takes the environment variable when no option is given', () => {
    expect(resolveDataDir({ variable: 'X_DIR', env: { X_DIR: '/env' }, fallback })).toBe('/env');
  });

  it('falls back to the default, computed only then; empty values count as unset', () => {
    let asked = 0;
    const counted = () => {
      asked += 1;
      return '/default';
    };
    expect(resolveDataDir({ option: '/flag', variable: 'X_DIR', env: {}, fallback: counted })).toBe('/flag');
    expect(asked).toBe(0);
    expect(resolveDataDir({ option: '', variable: 'X_DIR', env: { X_DIR: '' }, fallback: counted })).toBe('/default');
    expect(asked).toBe(1);
  });
});

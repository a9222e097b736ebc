import { describe, expect, it } from 'vitest';
import { runKioskctl } from '../kioskctl';
import { nirCommand } from './nir';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKioskctl(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, [nirCommand]);
  return { code, out, err: err.join('\n') };
}

describe('kioskctl nir', () => {
  it('prints valid with the key and exits 0, also for a number spaced as on the card', async () => {
    expect(await run('nir', '253072B07300470')).toEqual({
      code: 0,
      out: ['{"valid":true,"key":"70","reason":null}'],
      err: '',
    });
    expect((await run('nir', '2', '69', '05', '49', '588', '157', '80')).out).toEqual([
      '{"valid":true,"key":"80","reason":null}',
    ]);
  });

  it('prints the expected key and the reason and exits 1 when invalid', async () => {
    expect(await run('nir', '269054958815781')).toEqual({
      code: 1,
      out: ['{"valid":false,"key":"80","reason":"key"}'],
      err: '',
    });
    expect(await run('nir', '12345')).toEqual({
      code: 1,
      out: ['{"valid":false,"key":null,"reason":"length"}'],
      err: '',
    });
  });

  it('exits 2 with the usage when no NIR is given', async () => {
    const r = await run('nir');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: kioskctl nir <NIR>');
  });
});

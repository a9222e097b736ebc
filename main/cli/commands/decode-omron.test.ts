import { describe, expect, it } from 'vitest';
import { runKioskctl } from '../kioskctl';
import { decodeCommand } from './decode';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKioskctl(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, [decodeCommand]);
  return { code, err: err.join('\n'), json: out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('kioskctl decode omron-* (one argument per input report)', () => {
  it('prints the worked HEM-790IT record with systolic, diastolic, pulseRate and an ISO 8601 takenAt', async () => {
    const r = await run(
      'decode',
      'omron-hem790it',
      '07 4F 4B 00 07 01 03 00',
      '07 06 33 00 00 70 4B 47',
      '03 00 00 4C 00 00 00 00',
    );
    expect(r.code).toBe(0);
    expect(r.json).toEqual([
      {
        protocol: 'omron-hem790it',
        kind: 'blood-pressure',
        systolic: 112,
        diastolic: 75,
        mean: null,
        pulseRate: 71,
        takenAt: '2007-01-03T00:06:51',
        valid: true,
        flags: [],
        raw: '4F4B00070103000633000070 4B47 00004C'.replace(/ /g, ''),
      },
    ]);
  });

  it('prints status objects for OK and NO answers; a broken reply goes to stderr', async () => {
    const r = await run(
      'decode',
      'omron-hem790it',
      '02 4F 4B 00 00 00 00 00',
      '02 4E 4F 00 00 00 00 00',
      '07 4F 4B 00 00 0A 00 08',
      '01 02 00 00 00 00 00 00',
      '03 41 42 43 00 00 00 00',
    );
    expect(r.json).toEqual([
      { protocol: 'omron-hem790it', kind: 'status', status: 'ok', detail: {}, raw: '4F4B' },
      { protocol: 'omron-hem790it', kind: 'status', status: 'no', detail: {}, raw: '4E4F' },
      { protocol: 'omron-hem790it', kind: 'status', status: 'ok', detail: { count: 8 }, raw: '4F4B00000A000802' },
    ]);
    expect(r.err).toContain('(garbage): 41 42 43');
  });

  it('decodes HEM-7322U memory blocks into records', async () => {
    const block = [
      '02 2F 81 00 02 AC 28',
      '50 64 18 42 0D C9 07 80 00 00 00 00 00 00',
      'FF'.repeat(14),
      '00'.repeat(12),
    ].join('');
    const r = await run('decode', 'omron-hem7322u', block);
    expect(r.json).toMatchObject([
      {
        kind: 'blood-pressure',
        systolic: 125,
        diastolic: 80,
        pulseRate: 66,
        takenAt: '2024-03-14T09:30:00',
        valid: true,
      },
      { kind: 'status', status: 'empty-record' },
    ]);
    expect(r.err).toContain('(truncated)');
  });
});

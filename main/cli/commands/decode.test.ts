import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runKioskctl } from '../kioskctl';
import { decodeCommand } from './decode';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKioskctl(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, [decodeCommand]);
  return { code, out, err: err.join('\n'), json: out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('kioskctl decode', () => {
  it('decodes chunks pushed in order (a frame split across two arguments)', async () => {
    const r = await run('decode', 'contec-cms50-legacy', 'C4 35 06', '48 61', '84 20 43 16 5F');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject([
      {
        protocol: 'contec-cms50-legacy',
        kind: 'oximetry',
        spo2: 97,
        pulseRate: 72,
        perfusionIndex: null,
        valid: true,
        flags: [],
      },
      { kind: 'oximetry', spo2: 95, pulseRate: 150, valid: true },
    ]);
    expect(r.json[0]?.pleth).toHaveLength(1);
  });

  it('prints invalid readings with null values and their flags', async () => {
    const r = await run('decode', 'contec-cms50-v7', '01E9808080FFFFFFFF');
    expect(r.json).toEqual([
      {
        protocol: 'contec-cms50-v7',
        kind: 'oximetry',
        spo2: null,
        pulseRate: null,
        pleth: [0],
        perfusionIndex: null,
        valid: false,
        flags: ['finger-out'],
        raw: '01E9808080FFFFFFFF',
      },
    ]);
  });

  it('prints temperatures and status frames; skipped bytes go to stderr', async () => {
    const r = await run(
      'decode',
      'welch-allyn-suretemp',
      'FF FF 03 02 10 94 1C 02 13 00 00 00 00 00 76 AF 99 43 4E 00 00 00 00 00 02 00 00 01 00 D4',
      '03 02 10 2A 12 02 00 00 AD',
    );
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject([
      { protocol: 'welch-allyn-suretemp', kind: 'temperature', celsius: 34.22, final: false, valid: true, flags: [] },
      { kind: 'status', status: 'ack', detail: { command: '2A12' } },
    ]);
    expect(r.err).toContain('skipped 2 byte(s) (garbage): FF FF');
  });

  it('reports an incomplete trailing frame on stderr', async () => {
    const r = await run('decode', 'contec-cms50-legacy', 'C4 35');
    expect(r.code).toBe(0);
    expect(r.out).toEqual([]);
    expect(r.err).toContain('(truncated): C4 35');
  });

  it('exits 2 naming the problem on an unknown protocol or malformed hex', async () => {
    const unknown = await run('decode', 'acme-9000', '00');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown protocol "acme-9000"');
    expect(unknown.err).toContain('nonin-format2');
    const odd = await run('decode', 'nonin-format2', '01 8', '00');
    expect(odd.code).toBe(2);
    expect(odd.err).toContain('chunk 1 ("01 8") is malformed hex: it has an odd number of hex digits');
    const bad = await run('decode', 'nonin-format2', '00', '0G');
    expect(bad.err).toContain('chunk 2 ("0G") is malformed hex: "G" is not a hex digit');
    expect((await run('decode', 'nonin-format2')).code).toBe(2);
  });

  it('runs as the real bin/kioskctl', async () => {
    const bin = join(import.meta.dirname, '../../../bin/kioskctl');
    const { stdout } = await promisify(execFile)(bin, ['decode', 'contec-cms50-v7', '01 A8 C5 BC 97 96 E2 EB 80']);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toMatchObject([
      { protocol: 'contec-cms50-v7', kind: 'oximetry', spo2: 98, pulseRate: 150, perfusionIndex: 2.35, valid: true },
    ]);
    const failed = await promisify(execFile)(bin, ['decode', 'nope', '00']).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('unknown protocol "nope"');
  });
});

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

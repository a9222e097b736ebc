import { describe, expect, it } from 'vitest';
import { createMasimoDecoder, masimoExceptionFlags } from './masimo-ascii';
import { decodeAll } from './test-helpers';

const ascii = (text: string) => new TextEncoder().encode(text);
const RAD8 =
  '02/22/16 22:47:45 SN=0000056661 SPO2=098% BPM=097 PI=03.60% SPCO=--.-% SPMET=--.-% DESAT=-- PIDELTA=+-- ALARM=0000 EXC=000800\r\n';

describe('masimo-ascii (PROTOCOLS.md §1.4 worked examples)', () => {
  it('real Rad-8 line → SpO2 98, PR 97, PI 3.60, serial number, no flags', () => {
    const frames = decodeAll(createMasimoDecoder(), ascii(RAD8));
    expect(frames).toMatchObject([
      { type: 'status', status: 'device-info', detail: { serialNumber: '0000056661' } },
      { type: 'oximetry', spo2: 98, pulseRate: 97, perfusionIndex: 3.6, pleth: [], valid: true, flags: [] },
    ]);
  });

  it('Radical-5 line (alarm silenced) → SpO2 97, PR 64, PI 11.82', () => {
    const frames = decodeAll(
      createMasimoDecoder(),
      ascii('09/15/10 15:10:29 SPO2=097% BPM=064 PI=11.82% ALARM=20 EXC=800\r\n'),
    );
    expect(frames).toMatchObject([
      { type: 'oximetry', spo2: 97, pulseRate: 64, perfusionIndex: 11.82, valid: true, flags: [] },
    ]);
  });
});

describe('masimo-ascii lines', () => {
  it('dashes mean no value: with "sensor off" the reading is invalid', () => {
    const frames = decodeAll(
      createMasimoDecoder(),
      ascii('09/15/10 15:10:30 SPO2=---% BPM=--- PI=--.--% ALARM=0000 EXC=000020\r\n'),
    );
    expect(frames).toMatchObject([
      { type: 'oximetry', spo2: null, pulseRate: null, perfusionIndex: null, valid: false, flags: ['finger-out'] },
    ]);
  });

  it('dashes without an exception bit still make it invalid (searching)', () => {
    const frames = decodeAll(
      createMasimoDecoder(),
      ascii('09/15/10 15:10:30 SPO2=---% BPM=--- PI=--.--% ALARM=0000 EXC=000000\r\n'),
    );
    expect(frames).toMatchObject([{ valid: false, flags: ['searching'] }]);
  });

  it('maps exception bits and the low-battery alarm', () => {
    expect(masimoExceptionFlags(0x000001 | 0x000004 | 0x000800)).toEqual(['sensor-off', 'low-perfusion']);
    const frames = decodeAll(
      createMasimoDecoder(),
      ascii('09/15/10 15:10:30 SPO2=097% BPM=064 PI=00.20% ALARM=0040 EXC=000004\r\n'),
    );
    expect(frames).toMatchObject([{ valid: true, spo2: 97, flags: ['low-perfusion', 'low-battery'] }]);
  });

  it('skips noise before a line, a malformed line, and a serial number already reported', () => {
    const text = `\x00\xff#${RAD8}02/22/16 22:47:46 SPO2=9x8% BPM=097 ALARM=0000 EXC=000800\r\n${RAD8}`;
    const frames = decodeAll(
      createMasimoDecoder(),
      Uint8Array.from(text, (c) => c.charCodeAt(0)),
    );
    expect(frames.map((f) => f.type)).toEqual(['error', 'status', 'oximetry', 'error', 'oximetry']);
    expect(frames[3]).toMatchObject({ type: 'error', reason: 'unexpected' });
  });

  it('flags SpO2 above 100 and PR 999 as out of range', () => {
    const frames = decodeAll(
      createMasimoDecoder(),
      ascii('09/15/10 15:10:30 SPO2=105% BPM=999 PI=01.00% ALARM=0000 EXC=000000\r\n'),
    );
    expect(frames).toMatchObject([{ valid: false, spo2: null, pulseRate: null, flags: ['out-of-range'] }]);
  });
});

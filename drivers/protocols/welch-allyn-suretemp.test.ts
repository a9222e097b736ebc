import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../common/util/bytes';
import { decodeAll, hex } from './test-helpers';
import {
  createSureTempDecoder,
  decodeSureTempRecord,
  encodeSureTempBlock,
  encodeSureTempRecord,
  KELVIN_OFFSET,
  SURETEMP_CODES,
  SURETEMP_TYPE,
  sureTempCommands,
  sumToZero,
  type SureTempRecord,
} from './welch-allyn-suretemp';

const EXAMPLE_RESPONSE = '03 02 10 94 1C 02 13 00 00 00 00 00 76 AF 99 43 4E 00 00 00 00 00 02 00 00 01 00 D4';

const record = (over: Partial<SureTempRecord>): SureTempRecord => ({
  finalKelvin: 0,
  probeKelvin: 36 + KELVIN_OFFSET,
  sampleCount: 10,
  method: 0,
  algorithm: 0,
  state: 2,
  errorCode: 0,
  active: true,
  probeType: 0,
  ...over,
});
const response = (r: SureTempRecord) =>
  encodeSureTempBlock(SURETEMP_CODES.temperatureRecord, SURETEMP_TYPE.response, encodeSureTempRecord(r));

describe('welch-allyn-suretemp (PROTOCOLS.md §3.1 worked example)', () => {
  it('command 03 02 10 94 1C 01 00 00 3A', () => {
    expect(sureTempCommands.temperatureRecord()).toEqual(hex('03 02 10 94 1C 01 00 00 3A'));
  });

  it('response → no final yet, probe 307.37 K = 34.22 °C, 78 samples, ready, no error', () => {
    const bytes = hex(EXAMPLE_RESPONSE);
    expect(sumToZero(bytes)).toBe(0);
    const r = decodeSureTempRecord(bytes.subarray(8, 27));
    expect(r).toMatchObject({
      finalKelvin: 0,
      sampleCount: 78,
      method: 0,
      algorithm: 0,
      state: 2,
      errorCode: 0,
      active: true,
      probeType: 0,
    });
    expect(r.probeKelvin).toBeCloseTo(307.37, 2);
    expect(decodeAll(createSureTempDecoder(), bytes)).toMatchObject([
      { type: 'temperature', celsius: 34.22, final: false, valid: true, flags: [] },
    ]);
  });

  it('re-encodes the example response byte for byte', () => {
    const r = decodeSureTempRecord(hex(EXAMPLE_RESPONSE).subarray(8, 27));
    expect(response(r)).toEqual(hex(EXAMPLE_RESPONSE));
  });
});

describe('welch-allyn-suretemp blocks', () => {
  it('a final reading is reported as final', () => {
    expect(
      decodeAll(createSureTempDecoder(), response(record({ finalKelvin: 37.2 + KELVIN_OFFSET, active: false }))),
    ).toMatchObject([{ type: 'temperature', final: true, celsius: 37.2, valid: true }]);
  });

  it('an error code means probe error: invalid, null value', () => {
    expect(decodeAll(createSureTempDecoder(), response(record({ errorCode: 3 })))).toMatchObject([
      { valid: false, celsius: null, flags: ['probe-error'] },
    ]);
  });

  it('a probe at room temperature is out of the body range', () => {
    expect(decodeAll(createSureTempDecoder(), response(record({ probeKelvin: 22 + KELVIN_OFFSET })))).toMatchObject([
      { valid: false, celsius: null, flags: ['out-of-range'] },
    ]);
  });

  it('acks, naks and commands are status frames', () => {
    const frames = decodeAll(
      createSureTempDecoder(),
      encodeSureTempBlock(SURETEMP_CODES.setMethod, SURETEMP_TYPE.response),
      encodeSureTempBlock(0x1234, SURETEMP_TYPE.nak),
      sureTempCommands.setMethod(0),
    );
    expect(frames).toMatchObject([
      { type: 'status', status: 'ack', detail: { command: '2A12' } },
      { type: 'status', status: 'nak', detail: { command: '1234' } },
      { type: 'status', status: 'command', detail: { command: '2A12', data: '00' } },
    ]);
  });

  it('rejects a bad checksum and resynchronises on the next preamble', () => {
    const bad = hex(EXAMPLE_RESPONSE);
    bad[12] = 0x77;
    const frames = decodeAll(createSureTempDecoder(), concatBytes([hex('03 02'), bad, hex(EXAMPLE_RESPONSE)]));
    expect(frames).toMatchObject([
      { type: 'error', reason: 'bad-sync' },
      { type: 'temperature', celsius: 34.22 },
    ]);
    expect(frames[0]?.raw).toHaveLength(2 + bad.length);
  });
});

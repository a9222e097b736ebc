import { describe, expect, it } from 'vitest';
import { encodeLegacyFrame } from './contec-cms50-legacy';
import {
  contecCms50V7,
  createV7Decoder,
  detectContecVariant,
  encodeV7Command,
  encodeV7Packet,
  encodeV7Realtime,
  V7_COMMANDS,
} from './contec-cms50-v7';
import { concatBytes } from '../../common/util/bytes';
import { decodeAll, hex } from './test-helpers';

describe('contec-cms50-v7 (PROTOCOLS.md §1.2 worked examples)', () => {
  it('01 A8 C5 BC 97 96 E2 EB 80 → PR 150, SpO2 98 %, PI 2.35 %, pleth 60', () => {
    const [f] = decodeAll(createV7Decoder(), hex('01 A8 C5 BC 97 96 E2 EB 80'));
    expect(f).toMatchObject({
      type: 'oximetry',
      pulseRate: 150,
      spo2: 98,
      perfusionIndex: 2.35,
      valid: true,
      flags: [],
    });
    expect(f?.type === 'oximetry' && f.pleth[0]).toBeCloseTo((60 / 127) * 100, 1);
  });

  it('01 E9 80 80 80 FF FF FF FF → probe error / finger out, PR and SpO2 invalid, PI n/a', () => {
    expect(decodeAll(createV7Decoder(), hex('01 E9 80 80 80 FF FF FF FF'))).toMatchObject([
      { type: 'oximetry', spo2: null, pulseRate: null, perfusionIndex: null, valid: false, flags: ['finger-out'] },
    ]);
  });

  it('encodes the commands exactly as the captures show', () => {
    expect(encodeV7Command(V7_COMMANDS.startRealtime)).toEqual(hex('7D 81 A1 80 80 80 80 80 80'));
    expect(encodeV7Command(V7_COMMANDS.stopRealtime)).toEqual(hex('7D 81 A2 80 80 80 80 80 80'));
    expect(encodeV7Command(V7_COMMANDS.keepAlive)).toEqual(hex('7D 81 AF 80 80 80 80 80 80'));
    expect(encodeV7Command(V7_COMMANDS.queryDeviceIds)).toEqual(hex('7D 81 AA 80 80 80 80 80 80'));
    expect(contecCms50V7.keepAlive).toEqual({ intervalMs: 5000, bytes: hex('7D 81 AF 80 80 80 80 80 80') });
  });

  it('re-encodes the first worked example byte for byte', () => {
    const bytes = encodeV7Realtime({
      signal: 5,
      searchingTooLong: false,
      lowSpo2: false,
      beep: true,
      probeError: false,
      pleth: 60,
      searching: false,
      bar: 7,
      pulseRate: 150,
      spo2: 98,
      pi: 235,
    });
    expect(bytes).toEqual(hex('01 A8 C5 BC 97 96 E2 EB 80'));
  });
});

describe('contec-cms50-v7 framing', () => {
  it('decodes command feedback and host commands as status frames', () => {
    const frames = decodeAll(createV7Decoder(), encodeV7Packet(0x0b, [0xa1, 0x05]), hex('7D 81 AF 80 80 80 80 80 80'));
    expect(frames).toMatchObject([
      { type: 'status', status: 'command-feedback', detail: { command: 'A1', reason: 'unsupported' } },
      { type: 'status', status: 'command', detail: { command: 'AF' } },
    ]);
  });

  it('ends a packet of unknown length at the next type byte', () => {
    const frames = decodeAll(
      createV7Decoder(),
      concatBytes([encodeV7Packet(0x04, [0x43, 0x4d, 0x53]), hex('01 A8 C5 BC 97 96 E2 EB 80')]),
    );
    expect(frames).toMatchObject([
      { type: 'status', status: 'device-ids', detail: { data: '434D53' } },
      { type: 'oximetry', pulseRate: 150 },
    ]);
  });

  it('reports a cut-short real-time packet and decodes the next one', () => {
    const frames = decodeAll(createV7Decoder(), hex('01 A8 C5 BC 01 A8 C5 BC 97 96 E2 EB 80'));
    expect(frames).toMatchObject([
      { type: 'error', reason: 'truncated', raw: hex('01 A8 C5 BC') },
      { type: 'oximetry', spo2: 98 },
    ]);
  });

  it('flags SpO2 above 100 as out of range', () => {
    const bytes = encodeV7Realtime({
      signal: 5,
      searchingTooLong: false,
      lowSpo2: false,
      beep: false,
      pleth: 60,
      probeError: false,
      searching: false,
      bar: 7,
      pulseRate: 80,
      spo2: 120,
      pi: null,
    });
    expect(decodeAll(createV7Decoder(), bytes)).toMatchObject([{ valid: false, spo2: null, flags: ['out-of-range'] }]);
  });
});

describe('detectContecVariant', () => {
  const v7 = hex('01 A8 C5 BC 97 96 E2 EB 80');
  const legacy = hex('C4 35 06 48 61');
  it('recognises a V7 stream', () => {
    expect(detectContecVariant(concatBytes([hex('FF 00'), v7, v7, v7]))).toBe('contec-cms50-v7');
  });
  it('recognises a legacy stream so the driver can fall back', () => {
    expect(detectContecVariant(concatBytes([legacy, legacy, legacy, legacy]))).toBe('contec-cms50-legacy');
    expect(
      detectContecVariant(
        encodeLegacyFrame({
          beep: false,
          spo2Dropping: false,
          fingerOut: false,
          signal: 1,
          pleth: 1,
          searching: false,
          probeError: false,
          bar: 1,
          pulseRate: 70,
          spo2: 97,
        }),
      ),
    ).toBeNull();
  });
  it('answers null when it cannot tell yet', () => {
    expect(detectContecVariant(v7)).toBeNull();
    expect(detectContecVariant(new Uint8Array(0))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { DEVICE_MODELS, DEVICE_MODEL_IDS } from '../../common/devices/device-models';
import { simulatorModels } from '../simulators/registry';
import { normalisePleth, parseHex, toHex } from './frames';
import { createStreamDecoder, knownProtocolIds, serialProtocols } from './registry';

const serialModels = DEVICE_MODEL_IDS.filter((id) => DEVICE_MODELS[id].transport === 'serial');

describe('protocol and simulator registries', () => {
  it('have a protocol and a simulator for every serial device model, with the same line settings', () => {
    for (const id of serialModels) {
      expect(serialProtocols[id]?.id).toBe(id);
      expect(simulatorModels[id]?.model).toBe(id);
      expect(simulatorModels[id]?.serial).toEqual(serialProtocols[id]?.serial);
    }
    expect(knownProtocolIds()).toEqual(expect.arrayContaining(serialModels));
  });

  it('createStreamDecoder gives a fresh decoder per call, null for an unknown id', () => {
    const a = createStreamDecoder('contec-cms50-legacy');
    const b = createStreamDecoder('contec-cms50-legacy');
    expect(a).not.toBeNull();
    a?.push(Uint8Array.of(0xc4, 0x35));
    expect(b?.push(Uint8Array.of(0x06, 0x48, 0x61))).toEqual([]);
    expect(createStreamDecoder('nope')).toBeNull();
    expect(createStreamDecoder('toString')).toBeNull();
  });
});

describe('hex and pleth helpers', () => {
  it('parses hex with spaces, colons or a 0x prefix; rejects odd lengths and non-hex', () => {
    expect(parseHex('C4 35:06')).toEqual(Uint8Array.of(0xc4, 0x35, 0x06));
    expect(parseHex('0xff00')).toEqual(Uint8Array.of(0xff, 0x00));
    expect(parseHex('')).toEqual(new Uint8Array(0));
    expect(parseHex('ABC')).toBeNull();
    expect(parseHex('zz')).toBeNull();
    expect(toHex(Uint8Array.of(1, 0xab))).toBe('01 AB');
  });

  it('normalises pleth samples into 0–100', () => {
    expect(normalisePleth(127, 127)).toBe(100);
    expect(normalisePleth(0, 127)).toBe(0);
    expect(normalisePleth(300, 255)).toBe(100);
  });
});

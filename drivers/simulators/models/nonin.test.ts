import { describe, expect, it } from 'vitest';
import { encodeNoninSetFormat } from '../../protocols/nonin-packet';
import { createFormat7Decoder, SET_FORMAT_7 } from '../../protocols/nonin-format7';
import { noninFormat2Simulator } from './nonin-format2';
import { noninFormat7Simulator } from './nonin-format7';

describe('nonin simulators', () => {
  it('stream 75 frames/s from power-on', () => {
    const sim = noninFormat2Simulator.create('normal', 0);
    let bytes = 0;
    for (let t = 0; t < 1000; t += sim.tickMs) bytes += sim.tick(t).length;
    expect(bytes / 5).toBeGreaterThanOrEqual(74);
    expect(bytes / 5).toBeLessThanOrEqual(76);
  });

  it('ACK the set-format command for their own format (even split across writes), NAK another', () => {
    const sim7 = noninFormat7Simulator.create('normal', 0);
    expect(sim7.receive(SET_FORMAT_7.subarray(0, 3), 0)).toEqual(new Uint8Array(0));
    expect(sim7.receive(SET_FORMAT_7.subarray(3), 0)).toEqual(Uint8Array.of(0x06));
    expect(sim7.receive(encodeNoninSetFormat(7, 0x21), 0)).toEqual(Uint8Array.of(0x06));
    expect(sim7.receive(encodeNoninSetFormat(2), 0)).toEqual(Uint8Array.of(0x15));
    expect(noninFormat2Simulator.create('normal', 0).receive(SET_FORMAT_7, 0)).toEqual(Uint8Array.of(0x15));
  });

  it('the decoder reports the ACK as a status frame', () => {
    const sim = noninFormat7Simulator.create('normal', 0);
    expect(createFormat7Decoder().push(sim.receive(SET_FORMAT_7, 0))).toMatchObject([
      { type: 'status', status: 'ack' },
    ]);
  });
});

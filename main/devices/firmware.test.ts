import { describe, expect, it } from 'vitest';
import { createStreamDecoder } from '../../drivers/catalogue/decoders';
import { serialSimulation } from '../../drivers/catalogue/simulations';
import { bcdRelease } from '../../drivers/devices/blood-pressure-monitor';
import type { DecodedFrame } from '../../drivers/protocols/types';
import { firmwareInFrame } from './firmware';

/** Two seconds of what the model's simulator sends, through the model's own decoder. */
function framesOf(model: 'nonin-format2' | 'nonin-format7' | 'contec-cms50-legacy'): DecodedFrame[] {
  const session = serialSimulation(model)!.model.create('normal', 0);
  const decoder = createStreamDecoder(model)!;
  const frames: DecodedFrame[] = [];
  for (let t = 0; t <= 2_000; t += session.tickMs) frames.push(...decoder.push(session.tick(t)));
  return frames;
}

describe('firmware versions, where the protocol gives them', () => {
  it("reads the Nonin packet's firmware revision byte in formats #2 and #7", () => {
    for (const model of ['nonin-format2', 'nonin-format7'] as const) {
      const versions = framesOf(model).map((f) => firmwareInFrame(model, f));
      // The simulator's unit says revision 0x2A; the first packet may be cut (the stream starts mid-packet).
      expect(versions.filter((v) => v !== null).length).toBeGreaterThan(0);
      expect(new Set(versions.filter((v) => v !== null))).toEqual(new Set(['rev. 42']));
    }
  });

  it('gives none for a protocol without one, and reads an Omron "VER00" answer', () => {
    expect(framesOf('contec-cms50-legacy').map((f) => firmwareInFrame('contec-cms50-legacy', f))).not.toContain(
      expect.any(String),
    );
    const version: DecodedFrame = {
      type: 'status',
      status: 'ok',
      detail: { version: 'M7080IT 207 ' },
      raw: new Uint8Array(),
    };
    expect(firmwareInFrame('omron-hem790it', version)).toBe('M7080IT 207');
  });

  it('writes a HID release number (bcdDevice) as its maker does', () => {
    expect(bcdRelease(0x0100)).toBe('1.00');
    expect(bcdRelease(0x0213)).toBe('2.13');
  });
});

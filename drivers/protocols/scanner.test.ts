import { describe, expect, it } from 'vitest';
import { createScanningDecoder, frame, needMore, skip, type Matcher } from './scanner';
import { hex } from './test-helpers';

/** A toy protocol: frames are `AA xx` (2 bytes); anything else is garbage. */
const toy: Matcher = {
  match(buf, start) {
    if (buf[start] !== 0xaa) return skip(1, 'garbage');
    if (buf.length - start < 2) return needMore;
    return frame(2, {
      type: 'status',
      status: 'toy',
      detail: { value: buf[start + 1]! },
      raw: buf.slice(start, start + 2),
    });
  },
};

describe('createScanningDecoder', () => {
  it('coalesces a garbage run into one error frame, emitted before the next frame', () => {
    const d = createScanningDecoder(toy);
    expect(d.push(hex('01 02 03'))).toEqual([]);
    expect(d.push(hex('04 AA 07'))).toMatchObject([
      { type: 'error', reason: 'garbage', raw: hex('01 02 03 04') },
      { type: 'status', detail: { value: 7 } },
    ]);
  });

  it('reports long garbage runs every maxGarbageRun bytes', () => {
    const d = createScanningDecoder(toy, { maxGarbageRun: 4 });
    expect(d.push(new Uint8Array(10)).map((f) => f.raw.length)).toEqual([4, 4]);
  });

  it('keeps the first specific reason of a run', () => {
    const m: Matcher = {
      match: (buf, start) =>
        buf[start] === 1 ? skip(1, 'bad-checksum') : buf[start] === 0xaa ? frame(1) : skip(1, 'garbage'),
    };
    const d = createScanningDecoder(m);
    expect(d.push(hex('00 01 00 AA'))).toMatchObject([{ type: 'error', reason: 'bad-checksum', raw: hex('00 01 00') }]);
  });

  it('flush returns held garbage and an incomplete frame, then forgets them', () => {
    const d = createScanningDecoder(toy);
    d.push(hex('01 AA'));
    expect(d.flush?.()).toMatchObject([
      { type: 'error', reason: 'garbage', raw: hex('01') },
      { type: 'error', reason: 'truncated', raw: hex('AA') },
    ]);
    expect(d.flush?.()).toEqual([]);
  });

  it('survives a matcher that throws or returns a bad length, skipping one byte as unexpected', () => {
    const bad: Matcher = {
      match(buf, start) {
        if (buf[start] === 0xee) throw new Error('bug');
        if (buf[start] === 0xdd) return frame(0);
        return toy.match(buf, start);
      },
    };
    const d = createScanningDecoder(bad);
    expect(d.push(hex('EE DD AA 01'))).toMatchObject([
      { type: 'error', reason: 'unexpected', raw: hex('EE DD') },
      { type: 'status' },
    ]);
  });

  it('gives up waiting after maxPending bytes', () => {
    const greedy: Matcher = { match: () => needMore };
    const d = createScanningDecoder(greedy, { maxPending: 8, maxGarbageRun: 1 });
    expect(d.push(new Uint8Array(7))).toEqual([]);
    expect(d.push(new Uint8Array(1))).toMatchObject([{ type: 'error', reason: 'truncated' }]);
  });

  it('reset forgets partial input and calls the matcher reset', () => {
    let resets = 0;
    const d = createScanningDecoder({ ...toy, reset: () => resets++ });
    d.push(hex('AA'));
    d.reset();
    expect(resets).toBe(1);
    expect(d.push(hex('05 AA 06'))).toMatchObject([{ type: 'error', raw: hex('05') }, { detail: { value: 6 } }]);
  });
});

import type { SerialSettings } from '../protocols/types';

/**
 * What a UART receiver set to `rxBaud` reads when a transmitter sends `bytes` back to back at
 * `txBaud` (both with `settings`' frame shape): the line is rebuilt bit by bit and sampled the way
 * a receiver does — wait for a falling edge, check the start bit at its middle, sample each data
 * bit at its middle. Parity and stop-bit errors do not drop the byte (Linux delivers it unless
 * INPCK/PARMRK are set, and serialport does not set them). Deterministic, for the 'wrong-baud' scenario.
 */
export function resampleUart(bytes: Uint8Array, settings: SerialSettings, txBaud: number, rxBaud: number): Uint8Array {
  const cells: number[] = [];
  for (const byte of bytes) {
    cells.push(0);
    let ones = 0;
    for (let i = 0; i < settings.dataBits; i += 1) {
      const bit = (byte >> i) & 1;
      ones += bit;
      cells.push(bit);
    }
    if (settings.parity !== 'none') cells.push(settings.parity === 'even' ? ones & 1 : (ones + 1) & 1);
    for (let i = 0; i < settings.stopBits; i += 1) cells.push(1);
  }
  const levelAt = (t: number): number => {
    const i = Math.floor(t * txBaud);
    return i >= 0 && i < cells.length ? (cells[i] ?? 1) : 1;
  };
  const end = cells.length / txBaud;
  const rxBit = 1 / rxBaud;
  const frameBits = 1 + settings.dataBits + (settings.parity === 'none' ? 0 : 1) + settings.stopBits;
  const out: number[] = [];
  let t = 0;
  while (t < end) {
    // Find the next low cell at or after t: the start bit's falling edge.
    let i = Math.max(0, Math.floor(t * txBaud));
    while (i < cells.length && cells[i] !== 0) i += 1;
    if (i >= cells.length) break;
    const start = Math.max(t, i / txBaud);
    if (levelAt(start + rxBit / 2) !== 0) {
      t = start + rxBit / 2; // a glitch, not a start bit
      continue;
    }
    let value = 0;
    for (let k = 0; k < settings.dataBits; k += 1) value |= levelAt(start + (1.5 + k) * rxBit) << k;
    out.push(value);
    // Resume looking for an edge from the middle of the (expected) stop bit.
    t = start + (frameBits - 0.5) * rxBit;
  }
  return Uint8Array.from(out);
}

/** The rate a mis-set device sends at, for a receiver expecting `baud`: far enough to garble every byte. */
export function wrongBaudFor(baud: number): number {
  return baud >= 57_600 ? 9_600 : 115_200;
}

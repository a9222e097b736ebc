import { encodeFormat7Frame } from '../../protocols/nonin-format7';
import { createNoninSimulator } from './nonin';

/** Nonin in data format #7 (16-bit pleth). */
export const noninFormat7Simulator = createNoninSimulator({
  format: 7,
  encode: encodeFormat7Frame,
  plethMax: 65535,
});

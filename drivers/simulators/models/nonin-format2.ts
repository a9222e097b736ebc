import { encodeFormat2Frame } from '../../protocols/nonin-format2';
import { createNoninSimulator } from './nonin';

/** Nonin in data format #2 (8-bit pleth). */
export const noninFormat2Simulator = createNoninSimulator({
  format: 2,
  encode: encodeFormat2Frame,
  plethMax: 255,
});

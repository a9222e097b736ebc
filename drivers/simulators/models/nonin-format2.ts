import { encodeFormat2Frame, noninFormat2 } from '../../protocols/nonin-format2';
import { createNoninSimulator } from './nonin';

/** Nonin in data format #2 (8-bit pleth). */
export const noninFormat2Simulator = createNoninSimulator({
  model: 'nonin-format2',
  serial: noninFormat2.serial,
  format: 2,
  encode: encodeFormat2Frame,
  plethMax: 255,
});

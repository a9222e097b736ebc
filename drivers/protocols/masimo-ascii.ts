import type { QualityFlag } from '../../common/devices/measurement';
import { oximetryFrame } from './frames';
import { createScanningDecoder, frame, needMore, skip, type Match, type Matcher } from './scanner';
import { type DecodedFrame, serialProtocol, type StreamDecoder } from './types';

/**
 * Masimo Rad-8 / Radical "ASCII 1" output, PROTOCOLS.md §1.4: 9600 8N1, one CR LF line per
 * second, `MM/DD/YY HH:MM:SS [SN=…] SPO2=nnn% BPM=nnn PI=nn.nn% […] ALARM=hhhh EXC=hhhhhh`;
 * unavailable values are filled with '-'. No host commands.
 */
export const MASIMO_MAX_LINE = 256;

/** EXC (exception) bits → quality flags; bits not listed are informational (e.g. 0x000800 "Masimo SET"). */
const EXC_FLAGS: readonly (readonly [number, QualityFlag])[] = [
  [0x000001, 'sensor-off'], // no sensor
  [0x000002, 'probe-error'], // defective sensor
  [0x000004, 'low-perfusion'],
  [0x000008, 'searching'], // pulse search
  [0x000010, 'artifact'], // interference
  [0x000020, 'finger-out'], // sensor off the patient
  [0x000040, 'artifact'], // ambient light
  [0x000080, 'probe-error'], // unrecognised sensor
  [0x000100, 'probe-error'], // incompatible sensor
  [0x000400, 'artifact'], // low signal IQ
  [0x001000, 'sensor-off'], // no cable
  [0x002000, 'probe-error'], // cable life expired
  [0x004000, 'probe-error'], // incompatible cable
  [0x008000, 'probe-error'], // unrecognised cable
  [0x010000, 'probe-error'], // defective cable
  [0x020000, 'searching'], // sensor calibrating
  [0x040000, 'probe-error'], // sensor life expired
  [0x080000, 'probe-error'], // emitter temperature out of range
  [0x100000, 'probe-error'], // sensor current limit
];
export const MASIMO_ALARM_LOW_BATTERY = 0x0040;

export const masimoExceptionFlags = (exc: number): QualityFlag[] =>
  EXC_FLAGS.filter(([bit]) => (exc & bit) !== 0).map(([, flag]) => flag);

const TIMESTAMP = /\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d/;
const NEWLINE = 0x0a;

/** A number field, or null when dashes; undefined when absent or malformed. */
function numberField(fields: Map<string, string>, key: string, pattern: RegExp): number | null | undefined {
  const text = fields.get(key);
  if (text === undefined) return undefined;
  if (/^[-.]+%?$/.test(text) && text.includes('-')) return null;
  const m = pattern.exec(text);
  return m ? Number(m[1]) : undefined;
}

function hexField(fields: Map<string, string>, key: string): number | undefined {
  const text = fields.get(key);
  return text !== undefined && /^[0-9A-Fa-f]{1,8}$/.test(text) ? Number.parseInt(text, 16) : undefined;
}

function decodeLine(text: string, raw: Uint8Array, lastSerial: { value: string | null }): DecodedFrame[] | null {
  const fields = new Map<string, string>();
  for (const token of text.split(/\s+/).slice(2)) {
    const eq = token.indexOf('=');
    if (eq > 0) fields.set(token.slice(0, eq), token.slice(eq + 1));
  }
  const spo2 = numberField(fields, 'SPO2', /^(\d{1,3})%$/);
  const bpm = numberField(fields, 'BPM', /^(\d{1,3})$/);
  const pi = fields.has('PI') ? numberField(fields, 'PI', /^(\d{1,3}(?:\.\d{1,2})?)%$/) : null;
  const alarm = hexField(fields, 'ALARM');
  const exc = hexField(fields, 'EXC');
  if (spo2 === undefined || bpm === undefined || pi === undefined || alarm === undefined || exc === undefined)
    return null;
  const flags = masimoExceptionFlags(exc);
  if (alarm & MASIMO_ALARM_LOW_BATTERY) flags.push('low-battery');
  const out: DecodedFrame[] = [];
  const serial = fields.get('SN');
  if (serial !== undefined && /^\w{1,20}$/.test(serial) && serial !== lastSerial.value) {
    lastSerial.value = serial;
    out.push({ type: 'status', status: 'device-info', detail: { serialNumber: serial }, raw });
  }
  out.push(oximetryFrame({ spo2, pulseRate: bpm, perfusionIndex: pi, pleth: [], flags, raw }));
  return out;
}

function createMasimoMatcher(): Matcher {
  // The serial number is reported once (and again if it changes), not with every line.
  const lastSerial = { value: null as string | null };
  return {
    match(buf, start): Match {
      const limit = Math.min(buf.length, start + MASIMO_MAX_LINE);
      let end = -1;
      for (let i = start; i < limit; i++) {
        const b = buf[i]!;
        if (b === NEWLINE) {
          end = i;
          break;
        }
        // Only printable ASCII, tab and CR belong in a line: anything else is line noise.
        if ((b < 0x20 && b !== 0x0d && b !== 0x09) || b > 0x7e) return skip(i - start + 1, 'garbage');
      }
      if (end < 0) return limit - start >= MASIMO_MAX_LINE ? skip(MASIMO_MAX_LINE, 'garbage') : needMore;
      const length = end - start + 1;
      const text = new TextDecoder('latin1').decode(buf.subarray(start, end)).replace(/\r$/, '');
      if (text.trim() === '') return frame(length);
      const at = TIMESTAMP.exec(text);
      if (!at) return skip(length, 'garbage');
      // Noise before the timestamp is skipped on its own so the line itself still decodes.
      if (at.index > 0) return skip(at.index, 'garbage');
      const raw = buf.slice(start, start + length);
      const frames = decodeLine(text, raw, lastSerial);
      return frames ? frame(length, ...frames) : skip(length, 'unexpected');
    },
    reset() {
      lastSerial.value = null;
    },
  };
}

export function createMasimoDecoder(): StreamDecoder {
  return createScanningDecoder(createMasimoMatcher(), { maxPending: MASIMO_MAX_LINE * 2 });
}

export const masimoAscii = serialProtocol({
  createDecoder: createMasimoDecoder,
});

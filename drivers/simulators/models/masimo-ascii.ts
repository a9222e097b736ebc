import { oximeterSimulator } from './oximeter-simulator';

/** One ASCII 1 line per second (PROTOCOLS.md §1.4). */
export const MASIMO_PERIOD_MS = 1000;
export const MASIMO_SIM_SERIAL = '0000012345';

/** EXC / ALARM bits the simulator uses (§1.4). */
const EXC = { masimoSet: 0x000800, defectiveSensor: 0x000002, sensorOff: 0x000020 } as const;
const ALARM = { spo2Low: 0x0002, prHigh: 0x0004, active: 0x0010 } as const;

const two = (n: number) => String(n).padStart(2, '0');
const three = (n: number) => String(n).padStart(3, '0');

/** `MM/DD/YY HH:MM:SS` of the device clock (UTC here: the simulator has no time zone setting). */
function timestamp(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** Masimo Rad-8 in ASCII 1 mode: one line per second, no host commands (writes are ignored). */
export const masimoAsciiSimulator = oximeterSimulator(
  MASIMO_PERIOD_MS,
  (run) => {
    const lineAt = (t: number) => {
      const s = run.sample(t);
      const bad = s.fingerOut || s.probeError;
      const exc = EXC.masimoSet | (s.probeError ? EXC.defectiveSensor : 0) | (s.fingerOut ? EXC.sensorOff : 0);
      let alarm = 0;
      if (!bad && s.spo2 < 90) alarm |= ALARM.spo2Low | ALARM.active;
      if (!bad && s.pulseRate > 120) alarm |= ALARM.prHigh | ALARM.active;
      const values = bad
        ? 'SPO2=---% BPM=--- PI=--.--%'
        : `SPO2=${three(s.spo2)}% BPM=${three(s.pulseRate)} PI=${s.perfusionIndex.toFixed(2).padStart(5, '0')}%`;
      const line = `${timestamp(t)} SN=${MASIMO_SIM_SERIAL} ${values} SPCO=--.-% SPMET=--.-% DESAT=-- PIDELTA=+-- ALARM=${alarm.toString(16).toUpperCase().padStart(4, '0')} EXC=${exc.toString(16).toUpperCase().padStart(6, '0')}\r\n`;
      return new TextEncoder().encode(line);
    };

    return {
      tick: (nowMs: number) => run.framesDue(nowMs, lineAt),
      receive: () => new Uint8Array(0),
    };
  },
  { rate: 0.5, maxRun: 12 },
);

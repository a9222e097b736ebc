import { encodeLegacyFrame } from '../../protocols/contec-cms50-legacy';
import { oximeterSimulator } from './oximeter-simulator';

/** 60 packets/s (PROTOCOLS.md §1.1). */
export const LEGACY_PERIOD_MS = 1000 / 60;

/**
 * Contec CMS50D+ legacy firmware: streams 5-byte packets by itself from power-on, ignores what the
 * host writes. Without a finger (or with a probe fault) it keeps streaming with the flag set.
 */
export const contecCms50LegacySimulator = oximeterSimulator(LEGACY_PERIOD_MS, (run) => ({
  tick: (nowMs) =>
    run.framesDue(nowMs, (t) => {
      const s = run.sample(t);
      const pleth = Math.round(s.pleth * 127);
      return encodeLegacyFrame({
        beep: s.beat,
        spo2Dropping: false,
        fingerOut: s.fingerOut,
        signal: s.fingerOut || s.probeError ? 0 : Math.min(15, Math.round(s.perfusionIndex * 2)),
        pleth,
        searching: false,
        probeError: s.probeError,
        bar: Math.round((pleth / 127) * 15),
        // Without a finger the device fills PR/SpO2 with 7F (§1.1 worked example 3).
        pulseRate: s.fingerOut || s.probeError ? 0x7f : s.pulseRate,
        spo2: s.fingerOut || s.probeError ? 0x7f : s.spo2,
      });
    }),
  receive: () => new Uint8Array(0),
}));

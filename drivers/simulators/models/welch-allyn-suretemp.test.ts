import { describe, expect, it } from 'vitest';
import type { TemperatureFrame } from '../../protocols/frames';
import {
  createSureTempDecoder,
  encodeSureTempBlock,
  SURETEMP_TYPE,
  sureTempCommands,
  welchAllynSureTemp,
} from '../../protocols/welch-allyn-suretemp';
import type { DecodedFrame } from '../../protocols/types';
import {
  BATH_HOLD_MS,
  bathSetting,
  SURETEMP_CYCLE,
  THERMOMETER_SCENARIOS,
  welchAllynSureTempSimulator,
} from './welch-allyn-suretemp';
import { THERMOMETER_CALIBRATION } from '../../catalogue/calibration-procedures';

const T0 = 5_000_000;
const poll = welchAllynSureTemp.poll!;

/** Polls like the driver does for `ms` and returns the decoded answers. */
function pollFor(scenario: string, ms: number) {
  const sim = welchAllynSureTempSimulator.create(scenario, T0);
  const decoder = createSureTempDecoder();
  const frames: DecodedFrame[] = [...decoder.push(sim.receive(welchAllynSureTemp.startCommand!, T0))];
  for (let t = T0; t <= T0 + ms; t += poll.intervalMs) frames.push(...decoder.push(sim.receive(poll.request, t)));
  return { sim, decoder, frames, temps: frames.filter((f): f is TemperatureFrame => f.type === 'temperature') };
}

describe('welch-allyn-suretemp simulator', () => {
  it('has the thermometer scenarios', () => {
    expect(welchAllynSureTempSimulator.scenarios).toEqual(THERMOMETER_SCENARIOS);
    expect(() => welchAllynSureTempSimulator.create('hypothermia', T0)).toThrow(/normal, fever, probe-error, garbage/);
  });

  it('sends nothing by itself', () => {
    const sim = welchAllynSureTempSimulator.create('normal', T0);
    expect(sim.tick(T0 + 1000)).toEqual(new Uint8Array(0));
  });

  it.each([
    ['normal', 36.9],
    ['fever', 39.2],
  ])('%s: live probe values rising, then the final reading %s °C', (scenario, final) => {
    const { frames, temps } = pollFor(scenario, SURETEMP_CYCLE.warmMs + 2000);
    expect(frames[0]).toMatchObject({ type: 'status', status: 'ack', detail: { command: '2A12' } });
    const live = temps.filter((f) => !f.final && f.valid).map((f) => f.celsius!);
    expect(live.length).toBeGreaterThan(3);
    expect(live).toEqual([...live].sort((a, b) => a - b));
    expect(Math.max(...live)).toBeLessThan(final);
    const finals = temps.filter((f) => f.final);
    expect(finals.length).toBeGreaterThan(0);
    for (const f of finals) expect(f).toMatchObject({ valid: true, celsius: final, flags: [] });
  });

  it.each([
    ['reference-bath', 0],
    ['reference-bath-0.5-high', 0.5],
  ] as const)('%s: each measurement reads the bath of the moment (+%s °C), point after point', (scenario, offset) => {
    const sim = welchAllynSureTempSimulator.create(scenario, T0);
    const decoder = createSureTempDecoder();
    const finals = THERMOMETER_CALIBRATION.pointsCelsius.map((_, i) => {
      // The probe goes into the bath of the i-th point: a new cycle, then its prediction.
      const start = T0 + i * BATH_HOLD_MS + 1000;
      decoder.push(sim.receive(sureTempCommands.setMethod(0), start));
      const frames = decoder.push(sim.receive(poll.request, start + SURETEMP_CYCLE.warmMs + 500));
      return frames.find((f): f is TemperatureFrame => f.type === 'temperature' && f.final)?.celsius;
    });
    expect(finals).toEqual(THERMOMETER_CALIBRATION.pointsCelsius.map((c) => Math.round((c + offset) * 10) / 10));
    expect(bathSetting(BATH_HOLD_MS * THERMOMETER_CALIBRATION.pointsCelsius.length)).toEqual({ index: 0, celsius: 35 });
  });

  it('the probe back in its well reads room temperature (out of range), and set-method starts a new cycle', () => {
    const { sim, decoder } = pollFor('normal', 0);
    const inWell = T0 + SURETEMP_CYCLE.warmMs + SURETEMP_CYCLE.finalMs + 500;
    expect(decoder.push(sim.receive(poll.request, inWell))).toMatchObject([
      { type: 'temperature', final: false, valid: false, flags: ['out-of-range'] },
    ]);
    decoder.push(sim.receive(sureTempCommands.setMethod(0), inWell));
    const [again] = decoder.push(sim.receive(poll.request, inWell + 1000));
    expect(again).toMatchObject({ type: 'temperature', final: false });
  });

  it('probe-error: invalid readings flagged probe-error', () => {
    const { temps } = pollFor('probe-error', 3000);
    expect(temps.length).toBeGreaterThan(5);
    for (const f of temps) expect(f).toMatchObject({ valid: false, celsius: null, flags: ['probe-error'] });
  });

  it('garbage: noise before some answers, the answers still decode the same', () => {
    const noisy = pollFor('garbage', 8000);
    const clean = pollFor('normal', 8000);
    expect(noisy.frames.filter((f) => f.type === 'error').length).toBeGreaterThan(0);
    expect(noisy.temps.map((f) => f.celsius)).toEqual(clean.temps.map((f) => f.celsius));
  });

  it('NAKs an unknown command and ignores a block with a bad checksum', () => {
    const sim = welchAllynSureTempSimulator.create('normal', T0);
    const decoder = createSureTempDecoder();
    expect(decoder.push(sim.receive(encodeSureTempBlock(0x7777, SURETEMP_TYPE.command), T0))).toMatchObject([
      { type: 'status', status: 'nak', detail: { command: '7777' } },
    ]);
    const bad = sureTempCommands.temperatureRecord();
    bad[8]! ^= 0xff;
    expect(sim.receive(bad, T0)).toEqual(new Uint8Array(0));
  });
});

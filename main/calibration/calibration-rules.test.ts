import { describe, expect, it } from 'vitest';
import type { MeasuredPoint } from '../../common/calibration/calibration-record';
import {
  BLOOD_PRESSURE_CALIBRATION,
  NO_CALIBRATION,
  OXIMETER_CALIBRATION,
  THERMOMETER_CALIBRATION,
} from '../../drivers/catalogue/calibration-procedures';
import { evaluateSetting, overallResult, rulesFor, type CalibrationRules } from './calibration-rules';

const P = rulesFor(BLOOD_PRESSURE_CALIBRATION)!;
const T = rulesFor(THERMOMETER_CALIBRATION)!;
const O = rulesFor(OXIMETER_CALIBRATION)!;
const settingOf = (rules: CalibrationRules, quantity: string, nominal: number) =>
  rules.settings.findIndex((s) => s.some((q) => q.quantity === quantity && q.nominal === nominal));

describe('the rule table of each kind of device', () => {
  it('states the issue’s points and tolerances', () => {
    expect(P.settings.flat().map((s) => s.nominal)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(P.quantities).toMatchObject([{ quantity: 'pressure', unit: 'mmHg', tolerance: 3 }]);
    expect(P.leakTest).toEqual({ pressureMmHg: 250, holdSeconds: 60, maxDropMmHg: 6 });
    expect(T.settings.length).toBeGreaterThanOrEqual(2);
    expect(T.quantities).toMatchObject([{ quantity: 'temperature', unit: '°C', tolerance: 0.3, decimals: 1 }]);
    expect(new Set(O.settings.map((s) => s[0]!.nominal))).toEqual(new Set([80, 90, 97]));
    expect(new Set(O.settings.map((s) => s[1]!.nominal))).toEqual(new Set([60, 120]));
    expect(O.quantities).toMatchObject([
      { quantity: 'spo2', tolerance: 2 },
      { quantity: 'pulse-rate', tolerance: 3 },
    ]);
    expect([T.deviceReading, O.deviceReading, P.deviceReading]).toEqual([
      'device-protocol',
      'device-protocol',
      'check-mode-display',
    ]);
    expect(T.leakTest).toBeNull();
    expect(rulesFor(NO_CALIBRATION)).toBeNull();
  });

  it('pressure: pass within ±3 mmHg of the reference, both edges included, fail beyond', () => {
    const at100 = settingOf(P, 'pressure', 100);
    expect(evaluateSetting(P, at100, { pressure: 100 }, { pressure: 103 })).toMatchObject([{ error: 3, passed: true }]);
    expect(evaluateSetting(P, at100, { pressure: 101 }, { pressure: 98 })).toMatchObject([{ error: -3, passed: true }]);
    expect(evaluateSetting(P, at100, { pressure: 100 }, { pressure: 104 })).toMatchObject([
      { error: 4, passed: false },
    ]);
    expect(evaluateSetting(P, 0, { pressure: 0 }, { pressure: 5 })).toEqual([
      { setting: 0, quantity: 'pressure', nominal: 0, reference: 0, device: 5, error: 5, tolerance: 3, passed: false },
    ]);
  });

  it('pressure: refuse a reference far from the point, and a value the display cannot show', () => {
    const at100 = settingOf(P, 'pressure', 100);
    // 10 for 100: a digit dropped.
    expect(evaluateSetting(P, at100, { pressure: 10 }, { pressure: 100 })).toMatchObject({
      code: 'implausible-reference',
    });
    expect(evaluateSetting(P, at100, { pressure: 116 }, { pressure: 116 })).toMatchObject({
      code: 'implausible-reference',
    });
    expect(evaluateSetting(P, at100, { pressure: 115 }, { pressure: 115 })).toMatchObject([{ passed: true }]);
    expect(evaluateSetting(P, 5, { pressure: 250 }, { pressure: 300 })).toMatchObject({ code: 'implausible-display' });
    expect(evaluateSetting(P, 0, { pressure: 0 }, { pressure: -1 })).toMatchObject({ code: 'implausible-display' });
  });

  it('thermometer: ±0.3 °C in tenths; a reference off the bath or out of range is refused', () => {
    const at37 = settingOf(T, 'temperature', 37);
    expect(evaluateSetting(T, at37, { temperature: 37.02 }, { temperature: 37.3 })).toMatchObject([
      { error: 0.3, passed: true },
    ]);
    expect(evaluateSetting(T, at37, { temperature: 37 }, { temperature: 37.5 })).toMatchObject([
      { error: 0.5, passed: false },
    ]);
    expect(evaluateSetting(T, at37, { temperature: 3.7 }, { temperature: 37 })).toMatchObject({
      code: 'implausible-reference',
    });
    expect(evaluateSetting(T, at37, { temperature: 37 }, {})).toMatchObject({ code: 'no-reading' });
  });

  it('oximeter: SpO2 ±2 % and pulse ±3 bpm at each simulator setting, both rows per setting', () => {
    const at90 = settingOf(O, 'spo2', 90);
    const pulse = O.settings[at90]![1]!.nominal;
    const rows = evaluateSetting(O, at90, { spo2: 90, 'pulse-rate': pulse }, { spo2: 92, 'pulse-rate': pulse + 4 });
    expect(rows).toMatchObject([
      { quantity: 'spo2', error: 2, passed: true },
      { quantity: 'pulse-rate', error: 4, passed: false },
    ]);
    expect(evaluateSetting(O, at90, { spo2: 101, 'pulse-rate': pulse }, { spo2: 90 })).toMatchObject({
      code: 'implausible-reference',
    });
  });

  it('give an overall pass only when every point (and a leak test, where there is one) passed', () => {
    const row = (passed: boolean): MeasuredPoint => ({
      setting: 0,
      quantity: 'temperature',
      nominal: 37,
      reference: 37,
      device: 37,
      error: 0,
      tolerance: 0.3,
      passed,
    });
    const leak = (passed: boolean) => ({
      startMmHg: 250,
      endMmHg: 250,
      heldSeconds: 60,
      dropMmHg: 0,
      maxDropMmHg: 6,
      passed,
    });
    expect(overallResult(T, [row(true), row(true)], null)).toBe('passed');
    expect(overallResult(T, [row(true), row(false)], null)).toBe('failed');
    expect(overallResult(T, [], null)).toBe('failed');
    expect(overallResult(P, [row(true)], leak(true))).toBe('passed');
    expect(overallResult(P, [row(true)], leak(false))).toBe('failed');
    expect(overallResult(P, [row(true)], null)).toBe('failed');
  });
});

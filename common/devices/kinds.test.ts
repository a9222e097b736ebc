import { describe, expect, it } from 'vitest';
import { DeviceKind } from './device-status';
import { DEVICE_KIND_FOR, MeasurementKind, measurementKindOf } from './kinds';

describe('device and measurement kinds', () => {
  it('pairs each measurement with the device kind that takes it, both ways', () => {
    for (const measurement of MeasurementKind.options)
      expect(measurementKindOf(DEVICE_KIND_FOR[measurement])).toBe(measurement);
    expect(measurementKindOf('card-reader')).toBeNull();
    expect(measurementKindOf('stethoscope')).toBeNull();
  });

  it('maps every measurement to a kind of device that exists', () => {
    for (const measurement of MeasurementKind.options)
      expect(DeviceKind.options).toContain(DEVICE_KIND_FOR[measurement]);
  });
});

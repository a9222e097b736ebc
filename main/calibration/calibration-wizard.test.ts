import { describe, expect, it } from 'vitest';
import type { CalibrationRecord } from '../../common/calibration/calibration-record';
import type { CalibrationWizardView } from '../../common/calibration/calibration-wizard';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { BLOOD_PRESSURE_CALIBRATION } from '../../drivers/catalogue/calibration-procedures';
import { rulesFor } from './calibration-rules';
import { CalibrationWizard, certificateNumber } from './calibration-wizard';

const WIZARD_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const REFERENCE = {
  instrument: 'Manomètre Fluke 700G',
  serialNumber: 'REF-7',
  certificateNumber: 'COFRAC-2026-117',
  certificateValidUntil: '2027-01-31',
};

function setup(options: { connected?: boolean; failRecord?: boolean } = {}) {
  const clock = new ManualClock(Date.parse('2026-11-05T09:00:00Z'));
  const recorded: CalibrationRecord[] = [];
  const changes: CalibrationWizardView[] = [];
  const wizard = new CalibrationWizard({
    wizardId: WIZARD_ID,
    kioskId: 'dev-kiosk-1',
    device: {
      deviceId: 'bp-1',
      model: 'omron-hem7322u',
      modelName: 'Omron HEM-7322U (M500 IT)',
      kind: 'blood-pressure',
      serialNumber: 'SIM-HEM7322U-0001',
    },
    rules: rulesFor(BLOOD_PRESSURE_CALIBRATION)!,
    technician: 'Camille Técheur (tech.camille)',
    connected: options.connected ?? true,
    clock,
    record: (r) => {
      if (options.failRecord) throw new Error('the disk is full');
      recorded.push(r);
    },
    onChange: (v) => changes.push(v),
  });
  return { clock, wizard, recorded, changes };
}

/** Every static point typed with the cuff reading `offset` above the reference. */
function typePoints(wizard: CalibrationWizard, offset: number): CalibrationWizardView {
  let view = wizard.view();
  for (const nominal of BLOOD_PRESSURE_CALIBRATION.pointsMmHg)
    view = wizard.send({ type: 'POINT', reference: { pressure: nominal }, device: { pressure: nominal + offset } });
  return view;
}

function holdLeak(clock: ManualClock, wizard: CalibrationWizard, endMmHg: number): CalibrationWizardView {
  wizard.send({ type: 'LEAK_START', startMmHg: 250 });
  clock.advance(60_000);
  return wizard.send({ type: 'LEAK_END', endMmHg });
}

describe('the blood-pressure calibration wizard', () => {
  it('goes reference → six points → leak test → review → recorded, and records a pass valid a year', () => {
    const { clock, wizard, recorded } = setup();
    expect(wizard.view()).toMatchObject({ step: 'reference', currentSetting: null, problem: null });
    expect(wizard.send({ type: 'REFERENCE', reference: REFERENCE })).toMatchObject({
      step: 'points',
      currentSetting: 0,
    });
    expect(wizard.send({ type: 'POINT', reference: { pressure: 0 }, device: { pressure: 1 } })).toMatchObject({
      currentSetting: 1,
    });
    const afterPoints = typePoints(wizard, 2);
    expect(afterPoints.step).toBe('leak-test');
    expect(afterPoints.points.map((p) => [p.nominal, p.error, p.passed])).toEqual([
      [0, 1, true],
      [50, 2, true],
      [100, 2, true],
      [150, 2, true],
      [200, 2, true],
      [250, 2, true],
    ]);
    const review = holdLeak(clock, wizard, 249);
    expect(review).toMatchObject({
      step: 'review',
      result: 'passed',
      leak: { result: { dropMmHg: 1, passed: true } },
      validUntil: '2027-11-05T09:01:00.000Z',
    });
    expect(recorded).toEqual([]);
    const done = wizard.send({ type: 'RECORD' });
    expect(done).toMatchObject({
      step: 'recorded',
      recorded: { calibrationId: WIZARD_ID, certificateNumber: 'CAL-20261105-0F8FAD5B' },
    });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      id: WIZARD_ID,
      result: 'passed',
      technician: 'Camille Técheur (tech.camille)',
      serialNumber: 'SIM-HEM7322U-0001',
      reference: REFERENCE,
      performedAt: '2026-11-05T09:01:00.000Z',
      validUntil: '2027-11-05T09:01:00.000Z',
    });
    expect(recorded[0]!.points).toHaveLength(6);
    // Recorded once: a second RECORD changes nothing.
    wizard.send({ type: 'RECORD' });
    expect(recorded).toHaveLength(1);
  });

  it('fails a cuff reading 5 mmHg high at every point, with no due date', () => {
    const { clock, wizard, recorded } = setup();
    wizard.send({ type: 'REFERENCE', reference: REFERENCE });
    const view = typePoints(wizard, 5);
    expect(view.points.every((p) => !p.passed && p.error === 5)).toBe(true);
    expect(holdLeak(clock, wizard, 250)).toMatchObject({ step: 'review', result: 'failed', validUntil: null });
    wizard.send({ type: 'RECORD' });
    expect(recorded[0]).toMatchObject({ result: 'failed', validUntil: null });
  });

  it('fails on the leak test alone when every point passed', () => {
    const { clock, wizard } = setup();
    wizard.send({ type: 'REFERENCE', reference: REFERENCE });
    typePoints(wizard, 0);
    expect(holdLeak(clock, wizard, 238)).toMatchObject({
      result: 'failed',
      leak: { result: { dropMmHg: 12, passed: false } },
    });
  });

  it('answers an implausible value with a problem and keeps the step, the point and what came before', () => {
    const { wizard } = setup();
    wizard.send({ type: 'REFERENCE', reference: REFERENCE });
    wizard.send({ type: 'POINT', reference: { pressure: 0 }, device: { pressure: 0 } });
    const refused = wizard.send({ type: 'POINT', reference: { pressure: 5 }, device: { pressure: 50 } });
    expect(refused).toMatchObject({
      step: 'points',
      currentSetting: 1,
      problem: { code: 'implausible-reference' },
    });
    expect(refused.points).toHaveLength(1);
    expect(wizard.send({ type: 'POINT', reference: { pressure: 50 }, device: { pressure: 999 } }).problem?.code).toBe(
      'implausible-display',
    );
    // Typed again correctly: the problem goes and the point counts.
    expect(wizard.send({ type: 'POINT', reference: { pressure: 50 }, device: { pressure: 51 } })).toMatchObject({
      currentSetting: 2,
      problem: null,
    });
  });

  it('refuses an expired reference certificate, and the end of a hold before its time', () => {
    const { clock, wizard } = setup();
    expect(
      wizard.send({ type: 'REFERENCE', reference: { ...REFERENCE, certificateValidUntil: '2026-11-04' } }),
    ).toMatchObject({ step: 'reference', reference: null, problem: { code: 'reference-expired' } });
    wizard.send({ type: 'REFERENCE', reference: REFERENCE });
    typePoints(wizard, 0);
    expect(wizard.send({ type: 'LEAK_START', startMmHg: 250 }).leak).toMatchObject({
      startMmHg: 250,
      holdUntil: '2026-11-05T09:01:00.000Z',
      holdOver: false,
    });
    clock.advance(30_000);
    expect(wizard.send({ type: 'LEAK_END', endMmHg: 250 })).toMatchObject({
      step: 'leak-test',
      problem: { code: 'hold-not-over', detail: 'the hold lasts 60 s; 30 s left' },
    });
  });

  it('tells the screens when the hold is over', () => {
    const { clock, wizard, changes } = setup();
    wizard.send({ type: 'REFERENCE', reference: REFERENCE });
    typePoints(wizard, 0);
    wizard.send({ type: 'LEAK_START', startMmHg: 251 });
    clock.advance(59_999);
    expect(changes).toEqual([]);
    clock.advance(1);
    expect(changes.map((c) => c.leak.holdOver)).toEqual([true]);
  });

  it('a hold that gained pressure is started again', () => {
    const { clock, wizard } = setup();
    wizard.send({ type: 'REFERENCE', reference: REFERENCE });
    typePoints(wizard, 0);
    const view = holdLeak(clock, wizard, 260);
    expect(view).toMatchObject({
      step: 'leak-test',
      problem: { code: 'implausible-leak' },
      leak: { startMmHg: null, holdOver: false, result: null },
    });
  });

  it('an unplug mid-wizard drops the points taken, refuses to go on until the device is back, then restarts the points', () => {
    const { wizard, changes } = setup();
    wizard.send({ type: 'REFERENCE', reference: REFERENCE });
    wizard.send({ type: 'POINT', reference: { pressure: 0 }, device: { pressure: 0 } });
    wizard.send({ type: 'POINT', reference: { pressure: 50 }, device: { pressure: 50 } });
    wizard.deviceConnected(false);
    expect(changes.at(-1)).toMatchObject({
      deviceConnected: false,
      points: [],
      problem: { code: 'device-unplugged' },
    });
    expect(wizard.send({ type: 'POINT', reference: { pressure: 0 }, device: { pressure: 0 } })).toMatchObject({
      points: [],
      problem: { code: 'device-unplugged' },
    });
    expect(wizard.send({ type: 'RETRY' }).problem?.code).toBe('device-unplugged');
    wizard.deviceConnected(true);
    // Back: the problem stands until the technician retries (they may not have seen it come back).
    expect(wizard.view().problem?.code).toBe('device-unplugged');
    expect(wizard.send({ type: 'RETRY' })).toMatchObject({
      problem: null,
      step: 'points',
      currentSetting: 0,
      reference: REFERENCE,
    });
  });

  it('a device already away at the start is said at once', () => {
    const { wizard } = setup({ connected: false });
    expect(wizard.view()).toMatchObject({ deviceConnected: false, problem: { code: 'device-unplugged' } });
    expect(wizard.send({ type: 'REFERENCE', reference: REFERENCE }).reference).toBeNull();
  });

  it('a register that cannot be written leaves the check to review, with the reason', () => {
    const { clock, wizard } = setup({ failRecord: true });
    wizard.send({ type: 'REFERENCE', reference: REFERENCE });
    typePoints(wizard, 0);
    holdLeak(clock, wizard, 250);
    expect(wizard.send({ type: 'RECORD' })).toMatchObject({
      step: 'review',
      recorded: null,
      problem: { code: 'record-failed', detail: 'the disk is full' },
    });
  });

  it('numbers certificates by day and id', () => {
    expect(certificateNumber('ab12cd34-0000-4000-8000-000000000000', Date.parse('2027-01-02T23:00:00Z'))).toBe(
      'CAL-20270102-AB12CD34',
    );
  });
});

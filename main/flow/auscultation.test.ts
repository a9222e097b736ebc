import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowIntention } from '../../common/flow/flow-intention';
import { createHarness, type Harness } from './testing/flow-harness';
import { JOURNEY_TO_WAITING } from './testing/whole-journey';

let h: Harness;
const ok = (intention: FlowIntention) => expect(h.flow.send(intention)).toEqual({ accepted: true });
const auscultation = () => h.flow.view().auscultation;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
  h = createHarness();
  for (const intention of JOURNEY_TO_WAITING) ok(intention);
  ok({ type: 'DOCTOR_ACCEPTED' });
});
afterEach(() => {
  expect(h.invalid).toEqual([]);
  h.flow.stop();
  vi.useRealTimers();
});

describe('the guided auscultation', () => {
  it('shows where to put the chest piece, then that the doctor listens, until the doctor ends it', () => {
    ok({ type: 'DOCTOR_REQUESTED_AUSCULTATION', site: 'mitral' });
    expect(auscultation()).toEqual({ site: 'mitral', phase: 'placing', listeningSince: null, failure: null });
    vi.advanceTimersByTime(1500);
    ok({ type: 'AUSCULTATION_STREAMING' });
    expect(auscultation()).toEqual({
      site: 'mitral',
      phase: 'listening',
      listeningSince: '2026-11-22T10:00:01.500Z',
      failure: null,
    });
    // Said again (another request of the same sound): the count does not restart.
    vi.advanceTimersByTime(1000);
    ok({ type: 'AUSCULTATION_STREAMING' });
    expect(auscultation()?.listeningSince).toBe('2026-11-22T10:00:01.500Z');
    // The patient cannot leave while the doctor listens.
    expect(h.flow.send({ type: 'AUSCULTATION_CLOSE' })).toEqual({ accepted: false });
    ok({ type: 'DOCTOR_ENDED_AUSCULTATION' });
    expect(auscultation()).toBeNull();
    expect(h.flow.view().step).toBe('consultation');
  });

  it('moves to the new site the doctor picks, waiting for the sound again', () => {
    ok({ type: 'DOCTOR_REQUESTED_AUSCULTATION', site: 'aortic' });
    ok({ type: 'AUSCULTATION_STREAMING' });
    ok({ type: 'DOCTOR_REQUESTED_AUSCULTATION', site: 'lung-back-lower-left' });
    expect(auscultation()).toMatchObject({ site: 'lung-back-lower-left', phase: 'placing', listeningSince: null });
  });

  it('says why the stethoscope could not be sent, and lets the patient go back to the doctor', () => {
    ok({ type: 'DOCTOR_REQUESTED_AUSCULTATION', site: 'pulmonary' });
    ok({ type: 'AUSCULTATION_FAILED', failure: 'stethoscope-not-found' });
    expect(auscultation()).toMatchObject({ phase: 'failed', failure: 'stethoscope-not-found' });
    ok({ type: 'AUSCULTATION_CLOSE' });
    expect(auscultation()).toBeNull();
  });

  it('gives way to a measurement the doctor asks for and back, and ends with the call', async () => {
    ok({ type: 'DOCTOR_REQUESTED_AUSCULTATION', site: 'tricuspid' });
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'temperature' });
    expect(auscultation()).toBeNull();
    expect(h.flow.view().measurement?.kind).toBe('temperature');
    ok({ type: 'MEASUREMENT_READY' });
    await vi.advanceTimersByTimeAsync(0);
    expect(h.devices.started).toEqual(['temperature']);
    ok({ type: 'DOCTOR_REQUESTED_AUSCULTATION', site: 'tricuspid' });
    expect(h.flow.view().measurement).toBeNull();
    expect(auscultation()?.site).toBe('tricuspid');
    // The thermometer's spot check under way was stopped.
    expect(h.devices.cancels).toBe(1);
    ok({ type: 'DOCTOR_ENDED_CALL', prescription: null });
    expect(h.flow.view().step).toBe('end');
    expect(auscultation()).toBeNull();
  });

  it('ignores the stethoscope reports when no auscultation is under way', () => {
    expect(h.flow.send({ type: 'AUSCULTATION_STREAMING' })).toEqual({ accepted: false });
    expect(auscultation()).toBeNull();
  });
});

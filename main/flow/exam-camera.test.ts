import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowIntention } from '../../common/flow/flow-intention';
import { createHarness, type Harness } from './testing/flow-harness';
import { JOURNEY_TO_WAITING } from './testing/whole-journey';

let h: Harness;
const ok = (intention: FlowIntention) => expect(h.flow.send(intention)).toEqual({ accepted: true });
const examCamera = () => h.flow.view().examCamera;

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

describe('the guided examination camera', () => {
  it('shows how to hold the camera, then that the doctor sees through it, until the doctor ends it', () => {
    ok({ type: 'DOCTOR_REQUESTED_EXAM_CAMERA' });
    expect(examCamera()).toEqual({ phase: 'opening', streamingSince: null, failure: null });
    vi.advanceTimersByTime(2_000);
    ok({ type: 'EXAM_CAMERA_STREAMING' });
    expect(examCamera()).toEqual({ phase: 'streaming', streamingSince: '2026-11-22T10:00:02.000Z', failure: null });
    // Said again after a rejoin: the patient's timer does not restart.
    vi.advanceTimersByTime(5_000);
    ok({ type: 'EXAM_CAMERA_STREAMING' });
    expect(examCamera()?.streamingSince).toBe('2026-11-22T10:00:02.000Z');
    // The patient cannot leave while the doctor looks.
    expect(h.flow.send({ type: 'EXAM_CAMERA_CLOSE' })).toEqual({ accepted: false });
    ok({ type: 'DOCTOR_ENDED_EXAM_CAMERA' });
    expect(examCamera()).toBeNull();
    expect(h.flow.view().step).toBe('consultation');
  });

  it('says why the camera could not be sent, and lets the patient go back to the doctor', () => {
    ok({ type: 'DOCTOR_REQUESTED_EXAM_CAMERA' });
    ok({ type: 'EXAM_CAMERA_FAILED', failure: 'camera-not-found' });
    expect(examCamera()).toEqual({ phase: 'failed', streamingSince: null, failure: 'camera-not-found' });
    ok({ type: 'EXAM_CAMERA_CLOSE' });
    expect(examCamera()).toBeNull();
  });

  it('gives way to an auscultation the doctor asks for, and ends with the call', () => {
    ok({ type: 'DOCTOR_REQUESTED_EXAM_CAMERA' });
    ok({ type: 'DOCTOR_REQUESTED_AUSCULTATION', site: 'mitral' });
    expect(examCamera()).toBeNull();
    ok({ type: 'DOCTOR_REQUESTED_EXAM_CAMERA' });
    expect(h.flow.view().auscultation).toBeNull();
    ok({ type: 'DOCTOR_ENDED_CALL', prescription: null });
    expect(h.flow.view().step).toBe('end');
    expect(examCamera()).toBeNull();
  });

  it('ignores the camera reports when no examination is under way', () => {
    expect(h.flow.send({ type: 'EXAM_CAMERA_STREAMING' })).toEqual({ accepted: false });
    expect(examCamera()).toBeNull();
  });
});

import { auscultationState } from './auscultation.states';
import { examCameraState } from './exam-camera.states';
import { measurementStates } from './measurement.states';

/**
 * From the waiting room to the goodbye: the queue, the call with the doctor's measurement
 * requests, the end (prescription, payment), the rating, then the wipe.
 *
 * @param session the id path of the machine's `session` state, for the jumps back to the call.
 */
export function consultationStates(session: string) {
  return {
    waiting: {
      on: {
        QUEUE_UPDATED: { actions: 'setQueue' },
        LEAVE_QUEUE: { target: 'goodbye', actions: { type: 'setOutcome', params: { outcome: 'left-queue' } } },
        // The platform kept the place: the ticket screen, then the wipe (the cabin is free for the next patient).
        STEPPED_AWAY: {
          target: 'away-ticket',
          actions: ['setSteppedAway', { type: 'setOutcome', params: { outcome: 'left-queue' } }],
        },
        DOCTOR_ACCEPTED: 'consultation',
      },
    },
    // Long enough to note the ticket, the patient then leaves: no idle warning (UNWATCHED_STEPS).
    'away-ticket': { after: { awayTicket: 'goodbye' }, on: { FINISH: 'goodbye' } },
    consultation: {
      entry: 'enterConsultation',
      initial: 'call',
      on: {
        CALL_CONNECTION_LOST: { actions: { type: 'callState', params: { state: 'reconnecting' } } },
        CALL_CONNECTION_RESTORED: { actions: { type: 'callState', params: { state: 'connected' } } },
        CALL_AUDIO_ONLY: { actions: { type: 'callState', params: { state: 'audio-only' } } },
        DOCTOR_REQUESTED_MEASUREMENT: { target: '.measurement', reenter: true, actions: 'requestMeasurement' },
        // A new site re-enters (the diagram moves); renderer/streaming keeps the stethoscope sending.
        DOCTOR_REQUESTED_AUSCULTATION: { target: '.auscultation', reenter: true },
        // Asked again while shown: the guidance stays, renderer/streaming keeps the camera sending.
        DOCTOR_REQUESTED_EXAM_CAMERA: { target: '.examCamera' },
        DOCTOR_ENDED_CALL: { target: 'end', actions: 'endCall' },
      },
      states: {
        call: {},
        measurement: measurementStates(session),
        auscultation: auscultationState,
        examCamera: examCameraState,
      },
    },
    end: { on: { FINISH: 'rating' } },
    rating: { on: { RATE: { target: 'goodbye', actions: 'setRating' }, FINISH: 'goodbye' } },
    goodbye: {
      entry: { type: 'closeAndWipe', params: { outcome: 'completed' } },
      after: { goodbye: `#flow.journey.welcome` },
      on: { FINISH: `#flow.journey.welcome` },
    },
  } as const;
}

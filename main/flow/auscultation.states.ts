/**
 * The doctor-requested auscultation, guided on screen (inside `consultation`): the body diagram
 * and where to put the chest piece while renderer/streaming opens the stethoscope (placing), its
 * sound flowing to the doctor (listening), or why it could not (failed). The doctor ends it; the
 * patient may leave only a failed one. Leaving the state any way clears it from the view.
 */
export const auscultationState = {
  // A measurement under way gives way (its device stops as it leaves `measuring`).
  entry: ['clearMeasurement', 'requestAuscultation'],
  exit: 'clearAuscultation',
  on: {
    AUSCULTATION_STREAMING: { actions: 'auscultationListening' },
    AUSCULTATION_FAILED: { actions: 'auscultationFailed' },
    DOCTOR_ENDED_AUSCULTATION: 'call',
    AUSCULTATION_CLOSE: { guard: 'auscultationHasFailed', target: 'call' },
  },
} as const;

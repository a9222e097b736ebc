/**
 * The doctor-requested examination camera, guided on screen (inside `consultation`): how to pick
 * up and hold the otoscope or dermatoscope while renderer/streaming opens it (opening), its video
 * going to the doctor (streaming), or why it could not (failed). The doctor ends it; the patient
 * may leave only a failed one. Leaving the state any way clears it from the view.
 */
export const examCameraState = {
  // A measurement or auscultation under way gives way (their devices stop as they leave).
  entry: ['clearMeasurement', 'requestExamCamera'],
  exit: 'clearExamCamera',
  on: {
    EXAM_CAMERA_STREAMING: { actions: 'examCameraStreaming' },
    EXAM_CAMERA_FAILED: { actions: 'examCameraFailed' },
    DOCTOR_ENDED_EXAM_CAMERA: 'call',
    EXAM_CAMERA_CLOSE: { guard: 'examCameraHasFailed', target: 'call' },
  },
} as const;

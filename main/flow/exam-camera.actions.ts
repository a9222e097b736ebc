import { flowAssign } from './flow-deps';

/** The guided examination camera's phases, from the doctor's request and renderer/streaming's reports. */
export function examCameraActions() {
  return {
    requestExamCamera: flowAssign({ examCamera: { phase: 'opening' as const, failure: null } }),
    examCameraStreaming: flowAssign({
      examCamera: ({ context }) => context.examCamera && { phase: 'streaming' as const, failure: null },
    }),
    examCameraFailed: flowAssign({
      examCamera: ({ context, event }) =>
        context.examCamera && event.type === 'EXAM_CAMERA_FAILED'
          ? { phase: 'failed' as const, failure: event.failure }
          : context.examCamera,
    }),
    clearExamCamera: flowAssign({ examCamera: null }),
  };
}

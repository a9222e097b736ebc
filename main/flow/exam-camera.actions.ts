import { flowAssign, type FlowDeps } from './flow-deps';

/** The guided examination camera's phases, from the doctor's request and renderer/streaming's reports. */
export function examCameraActions({ at }: FlowDeps) {
  return {
    requestExamCamera: flowAssign({ examCamera: { phase: 'opening' as const, streamingSince: null, failure: null } }),
    examCameraStreaming: flowAssign({
      examCamera: ({ context }) =>
        context.examCamera && {
          phase: 'streaming' as const,
          // renderer/streaming says so again after a rejoin: the first time counts.
          streamingSince: context.examCamera.streamingSince ?? at(),
          failure: null,
        },
    }),
    examCameraFailed: flowAssign({
      examCamera: ({ context, event }) =>
        context.examCamera && event.type === 'EXAM_CAMERA_FAILED'
          ? { phase: 'failed' as const, streamingSince: null, failure: event.failure }
          : context.examCamera,
    }),
    clearExamCamera: flowAssign({ examCamera: null }),
  };
}

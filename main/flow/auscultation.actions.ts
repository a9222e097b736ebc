import { flowAssign, type FlowDeps } from './flow-deps';

/** The guided auscultation's phases, from the doctor's request and renderer/streaming's reports. */
export function auscultationActions({ at }: FlowDeps) {
  return {
    requestAuscultation: flowAssign({
      auscultation: ({ context, event }) =>
        event.type === 'DOCTOR_REQUESTED_AUSCULTATION'
          ? { site: event.site, phase: 'placing' as const, listeningSince: null, failure: null }
          : context.auscultation,
    }),
    auscultationListening: flowAssign({
      auscultation: ({ context }) =>
        context.auscultation && {
          ...context.auscultation,
          phase: 'listening' as const,
          // renderer/streaming says so again on every request: the first time counts.
          listeningSince: context.auscultation.listeningSince ?? at(),
          failure: null,
        },
    }),
    auscultationFailed: flowAssign({
      auscultation: ({ context, event }) =>
        context.auscultation && event.type === 'AUSCULTATION_FAILED'
          ? { ...context.auscultation, phase: 'failed' as const, listeningSince: null, failure: event.failure }
          : context.auscultation,
    }),
    clearAuscultation: flowAssign({ auscultation: null }),
  };
}

import { seconds } from './delays';
import { failureCodeOf, guided } from './flow-context';
import { flowAssign, flowLog, type FlowActionArgs, type FlowDeps } from './flow-deps';

/** The guided measurement's phases: requested, seated rest, measuring, and its countdowns. */
export function measurementPhaseActions({ delays }: FlowDeps) {
  return {
    requestMeasurement: flowAssign({
      measurement: ({ event }) => (event.type === 'DOCTOR_REQUESTED_MEASUREMENT' ? guided(event.kind) : null),
    }),
    phaseResting: flowAssign({
      measurement: ({ context }) =>
        context.measurement && {
          ...context.measurement,
          phase: 'resting' as const,
          secondsLeft: seconds(delays.bloodPressureRest),
        },
    }),
    phaseMeasuring: flowAssign({
      measurement: ({ context }) =>
        context.measurement && {
          ...context.measurement,
          phase: 'measuring' as const,
          secondsLeft: context.measurement.kind === 'oximetry' ? seconds(delays.spo2Settling) : null,
          deviceId: null,
          live: null,
          result: null,
          failure: null,
        },
    }),
    tickMeasurement: flowAssign({
      measurement: ({ context }) =>
        context.measurement && {
          ...context.measurement,
          secondsLeft: Math.max(0, (context.measurement.secondsLeft ?? 1) - 1),
        },
    }),
    clearMeasurement: flowAssign({ measurement: null }),
  };
}

/** What the device says while measuring: its id, live values, the result or the failure. */
export function measurementDeviceActions({ ports }: FlowDeps) {
  return {
    setMeasuringDevice: flowAssign({
      measurement: ({ context, event }) => {
        const output = (event as unknown as { output: { ok: true; deviceId: string } }).output;
        return context.measurement && { ...context.measurement, deviceId: output.deviceId };
      },
    }),
    setLive: flowAssign({
      measurement: ({ context, event }) =>
        event.type === 'DEVICE_LIVE' && context.measurement
          ? { ...context.measurement, live: event.reading }
          : context.measurement,
    }),
    setResult: flowAssign(({ context, event }) => {
      if (event.type !== 'DEVICE_RECORDED' || !context.measurement) return {};
      return {
        measurement: {
          ...context.measurement,
          phase: 'result' as const,
          secondsLeft: null,
          result: event.measurement,
          live: null,
        },
        recorded: [...context.recorded, event.measurement],
      };
    }),
    setFailure: flowAssign({
      measurement: ({ context, event }) =>
        context.measurement && {
          ...context.measurement,
          phase: 'failed' as const,
          secondsLeft: null,
          live: null,
          failure: failureCodeOf(event),
        },
    }),
    setOutOfService: flowAssign({
      measurement: ({ context }) =>
        context.measurement && {
          ...context.measurement,
          phase: 'failed' as const,
          secondsLeft: null,
          live: null,
          failure: 'out-of-service',
        },
    }),
    stopDevice: ({ event }: FlowActionArgs) => {
      // A recorded measurement is finished already; anything else leaving `measuring` stops the device.
      if (event.type === 'DEVICE_RECORDED') return;
      ports.devices
        .cancelMeasurement()
        .catch((error: unknown) =>
          flowLog.warn(`cancelMeasurement failed: ${error instanceof Error ? error.name : 'unknown'}`),
        );
    },
  };
}

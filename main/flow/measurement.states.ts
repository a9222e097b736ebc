import type { FlowContext } from './flow-context';

/**
 * The doctor-requested measurement, guided on screen (inside `consultation`): instructions → (blood
 * pressure: seated rest countdown) → measuring (the device manager's spot check; oximetry shows its
 * settling countdown) → result to confirm, or failed with the driver's code and a retry. A device
 * out of service (calibration failed or past due) goes straight to failed, 'out-of-service'. Leaving
 * `measuring` any other way than with a recorded result stops the device (`stopDevice`).
 *
 * @param session the id path of the machine's `session` state, for the jumps back to the call.
 */
export function measurementStates(session: string) {
  return {
    initial: 'instructions',
    states: {
      instructions: {
        // A device out of service is said at once: no instructions, no seated rest for nothing.
        always: { guard: 'deviceOutOfService', target: 'failed', actions: 'setOutOfService' },
        on: { MEASUREMENT_READY: [{ guard: 'isBloodPressure', target: 'resting' }, { target: 'measuring' }] },
      },
      resting: {
        entry: 'phaseResting',
        initial: 'counting',
        states: {
          counting: {
            after: {
              tick: [
                { guard: 'lastMeasurementSecond', target: `${session}.consultation.measurement.measuring` },
                { target: 'counting', reenter: true, actions: 'tickMeasurement' },
              ],
            },
          },
        },
      },
      measuring: measuringState,
      result: {
        on: {
          MEASUREMENT_CONFIRM: { target: `${session}.consultation.call`, actions: 'clearMeasurement' },
          MEASUREMENT_RETRY: 'measuring',
        },
      },
      failed: {
        on: {
          MEASUREMENT_RETRY: [{ guard: 'deviceOutOfService', actions: 'setOutOfService' }, { target: 'measuring' }],
          MEASUREMENT_CONFIRM: { target: `${session}.consultation.call`, actions: 'clearMeasurement' },
        },
      },
    },
  } as const;
}

/** The device at work: the manager's spot check, live values, and (oximetry) the settling countdown. */
const measuringState = {
  entry: 'phaseMeasuring',
  exit: 'stopDevice',
  invoke: {
    src: 'startMeasurement',
    input: ({ context }: { context: FlowContext }) => ({ kind: context.measurement?.kind ?? 'temperature' }),
    onDone: [
      { guard: 'startedOk', actions: 'setMeasuringDevice' },
      { target: 'failed', actions: 'setFailure' },
    ],
    onError: { target: 'failed', actions: 'setFailure' },
  },
  after: { measurementTimeout: { target: 'failed', actions: 'setFailure' } },
  on: {
    DEVICE_LIVE: { guard: 'sameKind', actions: 'setLive' },
    DEVICE_RECORDED: { guard: 'sameKind', target: 'result', actions: 'setResult' },
    DEVICE_FAILED: { guard: 'sameKind', target: 'failed', actions: 'setFailure' },
    DEVICE_STATUS: { guard: 'measuringDeviceLost', target: 'failed', actions: 'setFailure' },
  },
  initial: 'settling',
  states: {
    settling: {
      after: {
        tick: { guard: 'oximetrySettling', target: 'settling', reenter: true, actions: 'tickMeasurement' },
      },
    },
  },
} as const;

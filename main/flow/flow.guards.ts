import { isoDay } from '../../common/util/dates';
import type { FlowContext, FlowEvent } from './flow-context';
import { failureFromStatus } from './flow-context';
import type { FlowDeps } from './flow-deps';
import { contactValid, validateManualIdentity } from './manual-identity';

interface GuardArgs {
  context: FlowContext;
  event: FlowEvent;
}

/** The kind of measurement an event is about, or null. */
function kindOf(event: FlowEvent) {
  if (event.type === 'DEVICE_LIVE') return event.reading.kind;
  if (event.type === 'DEVICE_RECORDED') return event.measurement.kind;
  if (event.type === 'DEVICE_FAILED') return event.kind;
  return null;
}

/**
 * The machine's plain guards. The ones composed from others (`idleApplies`, `oximetrySettling`)
 * stay in the machine's setup, where the names they combine are known to the type checker.
 */
export function flowGuards({ ports }: FlowDeps) {
  return {
    hygieneDue: ({ context }: GuardArgs) => context.hygieneDue,
    lastWarningSecond: ({ context }: GuardArgs) => (context.idle.secondsLeft ?? 0) <= 1,
    lastMeasurementSecond: ({ context }: GuardArgs) => (context.measurement?.secondsLeft ?? 0) <= 1,
    localityAlreadyRefused: ({ context }: GuardArgs) => context.locality.refused,
    consentGiven: ({ context }: GuardArgs) => context.consent.teleconsultation === true,
    consentRefused: ({ context }: GuardArgs) => context.consent.teleconsultation === false,
    contactValid: ({ event }: GuardArgs) => event.type === 'CONTACT_SUBMIT' && contactValid(event),
    manualValid: ({ event }: GuardArgs) =>
      event.type === 'MANUAL_SUBMIT' && 'identity' in validateManualIdentity(event, isoDay(ports.clock.now())),
    /** Several people on the card, or one unreadable: the patient chooses (or types) rather than being assumed. */
    cardNeedsChoice: ({ event }: GuardArgs) =>
      event.type === 'CARD_READ' && !!event.card && (event.card.beneficiaries.length > 1 || event.card.unreadable > 0),
    beneficiaryExists: ({ context, event }: GuardArgs) =>
      event.type === 'CHOOSE_BENEFICIARY' && event.index < (context.beneficiaries?.beneficiaries.length ?? 0),
    isBloodPressure: ({ context }: GuardArgs) => context.measurement?.kind === 'blood-pressure',
    isOximetry: ({ context }: GuardArgs) => context.measurement?.kind === 'oximetry',
    sameKind: ({ context, event }: GuardArgs) => {
      const kind = kindOf(event);
      return kind !== null && kind === context.measurement?.kind;
    },
    measuringDeviceLost: ({ context, event }: GuardArgs) =>
      event.type === 'DEVICE_STATUS' &&
      event.status.deviceId === context.measurement?.deviceId &&
      failureFromStatus(event.status) !== null,
    deviceOutOfService: ({ context }: GuardArgs) =>
      context.measurement !== null && ports.devices.outOfService(context.measurement.kind),
    auscultationHasFailed: ({ context }: GuardArgs) => context.auscultation?.phase === 'failed',
    examCameraHasFailed: ({ context }: GuardArgs) => context.examCamera?.phase === 'failed',
    startedOk: ({ event }: GuardArgs) => (event as unknown as { output: { ok: boolean } }).output.ok,
  };
}

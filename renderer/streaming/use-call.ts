import { useEffect, useRef, useState } from 'react';
import type { KioskApi } from '../../common/ipc/contract';
import { KioskApiError } from '../../common/ipc/envelope';
import { getKioskApi } from '../kiosk-api/get-kiosk-api';
import { CallSession, type CallSessionOptions } from './call-session';
import { INITIAL_CALL_SNAPSHOT, type CallSnapshot } from './call-snapshot';

/**
 * The call for the screens (waiting room and consultation).
 *
 * ```tsx
 * const call = useCall({ active: flow.step === 'waiting' || flow.step === 'consultation' });
 * <CallVideo stream={call.localStream} muted aria-label={t('call.you')} />   // the patient's preview
 * <CallVideo stream={call.remoteStream} aria-label={t('call.doctor')} />    // the doctor (sound too)
 * ```
 * (`CallVideo` from ./CallVideo attaches the stream to a <video>.)
 *
 * Screens may each mount it: every useCall of the same patient session shares one call, so the
 * waiting → consultation change keeps it. When no mounted useCall is active for 1.5 s (the flow
 * left those steps), it leaves the queue / call and releases the camera.
 * While `active` the hook gets a CallTicket from the kiosk (`getCallTicket`), opens the camera and
 * microphone, joins the queue and handles the doctor's accept, the media, the vitals channels and
 * reconnections by itself. Platform events reach the flow as intentions (QUEUE_UPDATED,
 * DOCTOR_ACCEPTED, DOCTOR_REQUESTED_MEASUREMENT, DOCTOR_ENDED_CALL, CALL_CONNECTION_LOST/RESTORED,
 * CALL_AUDIO_ONLY, and the auscultation's DOCTOR_REQUESTED/ENDED_AUSCULTATION, AUSCULTATION_STREAMING/
 * FAILED as it opens and sends the stethoscope), so screens keep following the FlowView; the returned snapshot adds what the
 * view does not carry: the streams, `state` ('starting' | 'waiting' | 'connecting' | 'connected' |
 * 'reconnecting' | 'ended' | 'failed'), `audioOnly`, `doctorReconnecting`, reconnection `attempt`
 * and `error` (a code: 'no-microphone', 'no-ticket', 'unauthorised', …).
 *
 * `goAudioOnly()` gives up video by hand (a "sound only" button). `stepAway(phone)` leaves the cabin
 * keeping the place (the flow then shows the ticket); it rejects when the platform did not take it.
 */
export function useCall(options: {
  active: boolean;
  kiosk?: KioskApi;
  /** Tests: replace the browser's camera or socket. */
  session?: Pick<CallSessionOptions, 'getUserMedia' | 'createSocket' | 'createDevice'>;
}): CallSnapshot & { goAudioOnly(): void; stepAway(phone: string | null): Promise<void> } {
  const { active } = options;
  const kioskRef = useRef(options.kiosk);
  const overridesRef = useRef(options.session);
  const [snapshot, setSnapshot] = useState<CallSnapshot>(IDLE);
  const sessionRef = useRef<CallSession | null>(null);

  useEffect(() => {
    if (!active) return;
    const kiosk = kioskRef.current ?? getKioskApi();
    let cancelled = false;
    let held: Shared | null = null;
    let unsubscribe = () => {};
    void (async () => {
      try {
        const flow = await kiosk.getFlow({});
        if (cancelled) return;
        // The same patient session is still running (a screen change, StrictMode): keep its call.
        if (shared && shared.sessionId === flow.sessionId && shared.session.current.state !== 'ended') {
          held = hold(shared);
        } else {
          const [ticket, devices, mediaInputs] = await Promise.all([
            kiosk.getCallTicket({}),
            kiosk.listDevices({}).catch(() => []),
            // Without them an auscultation request says the stethoscope was not found.
            kiosk.listMediaInputs({}).catch(() => []),
          ]);
          if (cancelled) return;
          release(shared, 0);
          const session = new CallSession({
            ticket,
            identity: flow.identification.identity,
            devices,
            mediaInputs,
            flowSend: (intention) => void kiosk.flowSend(intention).catch(() => {}),
            vitals: kiosk,
            ...overridesRef.current,
          });
          shared = { session, sessionId: ticket.sessionId, users: 0, stopTimer: null };
          held = hold(shared);
          void session.start();
        }
        sessionRef.current = held.session;
        unsubscribe = held.session.subscribe(setSnapshot);
      } catch (error) {
        if (!cancelled) setSnapshot({ ...IDLE, state: 'failed', error: ticketError(error) });
      }
    })();
    return () => {
      cancelled = true;
      unsubscribe();
      if (held) release(held, RELEASE_GRACE_MS);
      sessionRef.current = null;
      setSnapshot(IDLE);
    };
  }, [active]);

  return withActions(snapshot, sessionRef);
}

/** The snapshot with what the screens may ask of the call. */
function withActions(snapshot: CallSnapshot, sessionRef: { current: CallSession | null }) {
  return {
    ...snapshot,
    goAudioOnly: () => void sessionRef.current?.goAudioOnly(),
    stepAway: async (phone: string | null) => {
      if (!sessionRef.current) throw new Error('no call');
      await sessionRef.current.stepAway(phone);
    },
  };
}

/**
 * One call per patient session, shared by every mounted useCall: a screen change unmounts one
 * user and mounts the next; the call stops (leaving the queue) only when nobody holds it for
 * RELEASE_GRACE_MS.
 */
type Shared = {
  session: CallSession;
  sessionId: string;
  users: number;
  stopTimer: ReturnType<typeof setTimeout> | null;
};
let shared: Shared | null = null;
const RELEASE_GRACE_MS = 1500;

function hold(entry: Shared): Shared {
  if (entry.stopTimer) clearTimeout(entry.stopTimer);
  entry.stopTimer = null;
  entry.users += 1;
  return entry;
}

function release(entry: Shared | null, graceMs: number) {
  if (!entry) return;
  entry.users = Math.max(0, entry.users - (graceMs === 0 ? entry.users : 1));
  if (entry.users > 0) return;
  const stop = () => {
    if (entry.users > 0) return;
    if (shared === entry) shared = null;
    void entry.session.stop();
  };
  if (graceMs === 0) stop();
  else entry.stopTimer = setTimeout(stop, graceMs);
}

const IDLE = INITIAL_CALL_SNAPSHOT;

/** Ticket failures the cabin cannot fix itself (the platform, its credential): the screens ask for the pharmacist. */
const SERVICE_FAILURES = new Set(['platform-unreachable', 'platform-refused', 'no-credential']);

/** The snapshot's `error` when no call ticket came: 'service-unreachable' or 'no-ticket'. */
export function ticketError(error: unknown): 'service-unreachable' | 'no-ticket' {
  return error instanceof KioskApiError && SERVICE_FAILURES.has(error.code) ? 'service-unreachable' : 'no-ticket';
}

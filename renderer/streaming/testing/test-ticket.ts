import type { CallTicket } from '../../../common/signaling/call-ticket';

/** A call ticket as main hands it to the screens, pointing at a port nothing listens on. */
export const TEST_TICKET: CallTicket = {
  signalingUrl: 'ws://127.0.0.1:1/signal',
  token: 't'.repeat(20),
  sessionId: '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f',
  kioskId: 'kiosk-a',
  queueEntry: { ageYears: 40, specialty: 'general-practice', territory: '75', reason: 'Toux' },
};

import { z } from 'zod';

/** How the patient flow ends a session; recorded for the pharmacist's counters and the platform. */
export const FLOW_OUTCOMES = [
  'completed',
  'cancelled',
  'emergency',
  'idle-timeout',
  'consent-refused',
  'left-queue',
] as const;
export type FlowOutcome = (typeof FLOW_OUTCOMES)[number];

/** Every recorded outcome: the flow's, plus "interrupted" (the kiosk restarted while the session was open). */
export const SessionOutcome = z.enum([...FLOW_OUTCOMES, 'interrupted']);
export type SessionOutcome = z.infer<typeof SessionOutcome>;

import { z } from 'zod';

/** The kiosk's media during a call, as it reports it and the doctor sees it. */
export const MediaState = z.enum(['connected', 'reconnecting', 'audio-only']);
export type MediaState = z.infer<typeof MediaState>;

/** The other side of a call as the platform reports it: its media, or gone for good. */
export const PeerState = z.enum([...MediaState.options, 'gone']);
export type PeerState = z.infer<typeof PeerState>;

/** The call as the patient's screens show it: joining, then its media, then ended. */
export const FlowCallState = z.enum(['joining', ...MediaState.options, 'ended']);
export type FlowCallState = z.infer<typeof FlowCallState>;

import { MAX_SIGNAL_FRAME_BYTES } from '../../common/signaling/messages';

/** Who a storm socket is when it sends its malformed frames. */
export type StormRole = 'unauthenticated' | 'kiosk' | 'doctor';

/** One malformed frame: text, or raw bytes sent as a binary frame. */
export type StormFrame = string | Buffer;

/**
 * The malformed frames of the signalling storm, by kind, each built from a fixed-seed generator so
 * a failing run replays frame for frame. `consultationId` is the real call under way: frames aimed
 * at it are wrong in shape, so a platform that validates refuses them without touching the call.
 */
export function stormFrames(random: () => number, role: StormRole, consultationId: string): StormFrame[] {
  const id = () => `storm-${random().toString(36)}`;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => random() & 0xff));
  const garbage: StormFrame[] = [bytes(1 + (random() % 512)), bytes(1 + (random() % 64)).toString('latin1')];
  const wrongJson = [
    `{"type":"sign-in","id":"${id()}"`,
    '[1,2,3]',
    'null',
    '"join-queue"',
    `{"type":${random()}}`,
    '{"type":"accept","id":{"nested":[[[[[[[[[]]]]]]]]]}}',
  ];
  const unknown = [
    JSON.stringify({ type: 'drop-table', id: id() }),
    JSON.stringify({ type: '__proto__', id: id(), constructor: { prototype: { polluted: true } } }),
    JSON.stringify({ type: 'response', id: id(), ok: true, result: {} }),
  ];
  const badFields: Record<StormRole, string[]> = {
    unauthenticated: [
      JSON.stringify({ type: 'sign-in', id: id(), email: 42, password: ['x'] }),
      JSON.stringify({ type: 'join-queue', id: id(), token: null, sessionId: 'not-a-uuid', devices: 'all' }),
      JSON.stringify({ type: 'resume-session', id: id(), token: { $gt: '' } }),
      JSON.stringify({ type: 'accept', id: id(), consultationId }),
    ],
    kiosk: [
      JSON.stringify({ type: 'update-devices', id: id(), devices: 'none' }),
      JSON.stringify({ type: 'update-devices', id: id(), devices: Array.from({ length: 21 }, () => ({})) }),
      JSON.stringify({ type: 'report-media-state', id: id(), state: 'melting' }),
      JSON.stringify({ type: 'produce', id: id(), transportId: 7, kind: 'smell', rtpParameters: null }),
    ],
    doctor: [
      JSON.stringify({ type: 'accept', id: id(), consultationId: 42 }),
      JSON.stringify({ type: 'request-measurement', id: id(), consultationId, kind: 'x-ray' }),
      JSON.stringify({ type: 'end-call', id: id(), consultationId, prescription: 'yes', notes: 5 }),
      JSON.stringify({ type: 'save-notes', id: id(), consultationId, notes: { text: 'x' } }),
    ],
  };
  return [...garbage, ...wrongJson, ...unknown, ...badFields[role]];
}

/** A frame over the platform's limit: the platform closes the socket that sends it. */
export function oversizedFrame(): string {
  return JSON.stringify({ type: 'save-notes', id: 'storm-big', notes: 'x'.repeat(MAX_SIGNAL_FRAME_BYTES + 1024) });
}

import { describe, expect, it } from 'vitest';
import { MAX_FRAME_DEPTH, readRequest } from './frame-intake';

describe('readRequest', () => {
  it('reads a request against the method table of the socket’s role', () => {
    const leave = JSON.stringify({ type: 'leave-queue', id: '1' });
    expect(readRequest(leave, 'kiosk')).toEqual({
      ok: true,
      value: { side: 'kiosk', request: { type: 'leave-queue', id: '1' } },
    });
    expect(readRequest(leave, 'doctor')).toMatchObject({
      ok: false,
      error: { id: '1', error: { code: 'bad-message' } },
    });
  });

  it('before a role, reads only joining the queue (kiosk) and signing in (doctor)', () => {
    const signIn = JSON.stringify({ type: 'sign-in', id: '2', email: 'a@b.fr', password: 'x' });
    expect(readRequest(signIn, 'none')).toMatchObject({ ok: true, value: { side: 'doctor' } });
    expect(readRequest(JSON.stringify({ type: 'leave-queue', id: '3' }), 'none')).toMatchObject({
      ok: false,
      error: { id: '3', error: { code: 'unauthorised' } },
    });
  });

  it('refuses a frame nested deeper than MAX_FRAME_DEPTH, counting no bracket inside a string', () => {
    // The frame, its RTP parameters, then arrays inside their loosely checked extra field.
    const produce = (extra: string) =>
      `{"type":"produce","id":"1","transportId":"t","kind":"audio","source":"camera","rtpParameters":{"codecs":[],"x":${extra}}}`;
    const nested = (depth: number) => produce('['.repeat(depth - 2) + ']'.repeat(depth - 2));
    expect(readRequest(nested(MAX_FRAME_DEPTH), 'kiosk')).toMatchObject({ ok: true });
    expect(readRequest(nested(MAX_FRAME_DEPTH + 1), 'kiosk')).toEqual({
      ok: false,
      error: {
        id: undefined,
        error: { code: 'bad-message', message: `frame nests deeper than ${MAX_FRAME_DEPTH} levels` },
      },
    });
    expect(readRequest(produce(JSON.stringify(`\\"${'['.repeat(100)}`)), 'kiosk')).toMatchObject({ ok: true });
  });

  it('names the bad field, never its content, and answers by event when there is no id', () => {
    const bad = readRequest(JSON.stringify({ type: 'sign-in', id: '4', email: 'hunter2', password: 'x' }), 'none');
    expect(bad).toMatchObject({
      ok: false,
      error: { id: '4', error: { message: expect.stringMatching(/^sign-in: email:/) } },
    });
    if (!bad.ok) expect(bad.error.error.message).not.toContain('hunter2');
    expect(readRequest(JSON.stringify({ type: 'sign-in' }), 'none')).toEqual({
      ok: false,
      error: { id: undefined, error: { code: 'bad-message', message: 'sign-in: missing "id"' } },
    });
  });
});

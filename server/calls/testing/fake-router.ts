import type { types } from 'mediasoup';

/**
 * A router for tests of the queue and the calls that carry no media: it opens and closes. A room
 * asks it for the vitals tap's transport as it opens (room.ts); it has none to give.
 */
export function fakeRouter(): types.Router {
  return {
    close: () => {},
    closed: false,
    observer: { once: () => {} },
    createDirectTransport: () => Promise.reject(new Error('a fake router carries no media')),
  } as unknown as types.Router;
}

import type { Handlers, MediaMethods, ResultOf } from '../../common/signaling/messages';
import type { MediaRequest } from '../calls/room';

/** Passes a media request on to the peer's consultation room. */
export type MediaForward<C> = <R extends MediaRequest>(
  context: C,
  request: R,
) => Promise<ResultOf<MediaMethods, R['type']>>;

/** Every media method handled by passing it on to the room (which has one handler each). */
export function mediaForwarders<C>(forward: MediaForward<C>): Handlers<MediaMethods, C> {
  return {
    'get-router-capabilities': forward,
    'create-transport': forward,
    'connect-transport': forward,
    produce: forward,
    'close-producer': forward,
    'produce-data': forward,
    consume: forward,
    'resume-consumer': forward,
    'consume-data': forward,
    'restart-ice': forward,
    'list-producers': forward,
  };
}

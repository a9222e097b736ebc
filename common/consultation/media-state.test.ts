import { describe, expect, it } from 'vitest';
import { FlowCallState, MediaState, PeerState } from './media-state';

describe('call states', () => {
  it('builds the peer and flow states on the media states', () => {
    expect(PeerState.options).toEqual([...MediaState.options, 'gone']);
    expect(FlowCallState.options).toEqual(['joining', ...MediaState.options, 'ended']);
    expect(MediaState.safeParse('gone').success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { leastLoadedNode } from './media-nodes';

/** Where the call node places a new room (the live nodes and the rooms on each of their workers). */
describe('leastLoadedNode', () => {
  it('takes the node with the fewest rooms per worker, whatever its size', () => {
    const nodes = [
      { node: 'call', rooms: [2] },
      { node: 'big', rooms: [3, 3, 2, 2] },
      { node: 'small', rooms: [3, 3] },
    ];
    expect(leastLoadedNode(nodes, 'call')).toBe('call');
    expect(leastLoadedNode([...nodes, { node: 'idle', rooms: [1, 2] }], 'call')).toBe('idle');
  });

  it('breaks ties by the least-loaded worker, then away from the call node, then by name', () => {
    expect(
      leastLoadedNode(
        [
          { node: 'call', rooms: [1, 1] },
          { node: 'b', rooms: [0, 2] },
        ],
        'call',
      ),
    ).toBe('b');
    expect(
      leastLoadedNode(
        [
          { node: 'call', rooms: [1] },
          { node: 'c', rooms: [1] },
          { node: 'b', rooms: [1] },
        ],
        'call',
      ),
    ).toBe('b');
  });

  it('keeps the room on the call node when no node has a worker', () => {
    expect(
      leastLoadedNode(
        [
          { node: 'call', rooms: [] },
          { node: 'b', rooms: [] },
        ],
        'call',
      ),
    ).toBe('call');
  });
});

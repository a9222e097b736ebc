import { describe, expect, it } from 'vitest';
import { FLOW_OUTCOMES, SessionOutcome } from './session-outcome';

describe('SessionOutcome', () => {
  it("is the flow's outcomes plus 'interrupted', and nothing else", () => {
    expect(SessionOutcome.options).toEqual([...FLOW_OUTCOMES, 'interrupted']);
    expect(SessionOutcome.safeParse('left-queue').success).toBe(true);
    expect(SessionOutcome.safeParse('abandoned').success).toBe(false);
  });
});

import { emptySession, FlowView, type FlowStep } from '../../common/flow/flow-view';

/** A fictitious identity for tests (NIR with a valid key, invented person). */
export const TEST_IDENTITY = {
  lastName: 'DUPONTEL',
  firstName: 'CAMILLE',
  birthDate: '1980-05-17',
  nir: '180057512345622',
  source: 'card',
} as const;

export type Overrides = {
  [K in keyof FlowView]?: FlowView[K] extends object | null
    ? Partial<NonNullable<FlowView[K]>> | FlowView[K]
    : FlowView[K];
};

/**
 * A valid FlowView for a step, with any part overridden (one level deep merge). Parsed with the
 * contract's schema so a fixture can never drift from what main sends.
 */
export function flowViewFixture(step: FlowStep, overrides: Overrides = {}): FlowView {
  const base: FlowView = {
    step,
    sessionId: step === 'welcome' ? null : '7d0c1f44-5a1e-4d8e-9d8f-1c2b3a4d5e6f',
    identification: { card: null, identity: null, beneficiaries: null, manualErrors: {} },
    ...emptySession('2026-01'),
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = (base as Record<string, unknown>)[key];
    merged[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current &&
      typeof current === 'object' &&
      !Array.isArray(current)
        ? { ...current, ...value }
        : value;
  }
  return FlowView.parse(merged);
}

import { isoDay } from '../../common/util/dates';
import { flowAssign, type FlowActionArgs, type FlowDeps } from './flow-deps';
import { validateManualIdentity } from './manual-identity';

/** The card reader's state, the card's identity or the typed one, and saving it once confirmed. */
export function identificationActions({ ports, store }: FlowDeps) {
  return {
    setCardState: flowAssign({ card: ({ event }) => (event.type === 'CARD_STATE' ? event.state : null) }),
    setCardError: flowAssign({
      card: ({ context, event }) => ({
        readerId: context.card?.readerId ?? 'unknown',
        state: 'error' as const,
        error: event.type === 'CARD_FAILED' ? event.code : null,
      }),
    }),
    /**
     * A card put in before the card step was read while nothing could take its identity: read
     * it again now that the card step listens (the identity never waits outside a session).
     */
    readCardInReader: ({ context }: FlowActionArgs) => {
      if (context.card?.state === 'read') ports.cards?.readAgain();
    },
    clearCardError: flowAssign({
      card: ({ context }) => (context.card ? { ...context.card, state: 'empty' as const, error: null } : null),
    }),
    setCardIdentity: flowAssign({
      identity: ({ event }) => (event.type === 'CARD_READ' ? event.identity : null),
      beneficiaries: null,
      manualErrors: {},
    }),
    /** Nobody is chosen yet: the card's list waits on identify-choose. */
    setCardBeneficiaries: flowAssign({
      identity: null,
      beneficiaries: ({ event }) => (event.type === 'CARD_READ' ? (event.card ?? null) : null),
      manualErrors: {},
    }),
    chooseBeneficiary: flowAssign({
      identity: ({ context, event }) =>
        event.type === 'CHOOSE_BENEFICIARY' ? (context.beneficiaries?.beneficiaries[event.index] ?? null) : null,
    }),
    setManualResult: flowAssign(({ event }) => {
      if (event.type !== 'MANUAL_SUBMIT') return {};
      const result = validateManualIdentity(event, isoDay(ports.clock.now()));
      return 'identity' in result
        ? { identity: result.identity, manualErrors: {} }
        : { identity: null, manualErrors: result.errors };
    }),
    clearIdentity: flowAssign({ identity: null, beneficiaries: null }),
    saveIdentity: ({ context }: FlowActionArgs) => {
      const { sessionId, identity } = context;
      if (sessionId !== null && identity !== null)
        store('saveIdentity', () => ports.store.saveIdentity(sessionId, identity));
    },
  };
}

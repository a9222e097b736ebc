import { useCallback, useRef } from 'react';
import type { FlowIntention } from '../../common/flow/flow-intention';
import type { FlowView } from '../../common/flow/flow-view';
import type { KioskApi } from '../../common/ipc/contract';

/** ACTIVITY is sent at most this often while the patient touches the screen (ms). */
export const ACTIVITY_THROTTLE_MS = 5_000;

/**
 * How the screens talk to the flow: `send` delivers an intention (a failure is logged, the flow
 * decides nothing here), and `onTouch` tells the flow the patient is still there, throttled.
 */
export function useFlowSend(api: KioskApi, view: FlowView | null) {
  const lastActivity = useRef(0);
  const send = useCallback(
    (intention: FlowIntention) => {
      api.flowSend(intention).catch((error: unknown) => {
        console.error(
          'flow intention not delivered',
          intention.type,
          error instanceof Error ? error.message : 'unknown',
        );
      });
    },
    [api],
  );
  const onTouch = () => {
    const now = Date.now();
    if (!view || view.step === 'welcome' || now - lastActivity.current < ACTIVITY_THROTTLE_MS) return;
    lastActivity.current = now;
    send({ type: 'ACTIVITY' });
  };
  return { send, onTouch };
}

import { useEffect, useState } from 'react';
import type { FlowView } from '../../common/flow/flow-view';
import type { KioskApi } from '../../common/ipc/contract';

/**
 * Follows the flow machine: one getFlow on mount, then every onFlowChanged push. Returns null
 * until the first view arrives (or when the kiosk cannot give one: the caller shows welcome).
 */
export function useFlowView(api: KioskApi): { view: FlowView | null; error: boolean } {
  const [view, setView] = useState<FlowView | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let live = true;
    const unsubscribe = api.onFlowChanged((next) => {
      if (live) setView(next);
    });
    api.getFlow({}).then(
      (first) => {
        // A push may already have arrived; keep the newer one.
        if (live) setView((current) => current ?? first);
      },
      () => {
        if (live) setError(true);
      },
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return { view, error };
}

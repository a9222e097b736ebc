import { useEffect, useRef, useState } from 'react';
import type { KioskApi } from '../../../common/ipc/contract';
import type { PrintState } from '../../../common/printing/print-state';

/**
 * The current prescription's printing, as main reports it (onPrintChanged), and the one print the
 * end screen starts by itself for each prescription number (not again on a re-render). Without the
 * kiosk api (screen tests) or before main answers: null, which the screen says as "not printed".
 */
export function usePrintState(api: KioskApi | null, number: string | null) {
  const [state, setState] = useState<PrintState | null>(null);
  const started = useRef<string | null>(null);
  useEffect(() => {
    if (!api || number === null) return;
    const stop = api.onPrintChanged((next) => setState(next.number === number ? next : null));
    void api.getPrintState({}).then(
      (current) => {
        setState(current);
        if (current.status === 'idle' && started.current !== number) {
          started.current = number;
          void api.printPrescription({}).then(setState, () => undefined);
        }
      },
      () => undefined,
    );
    return stop;
  }, [api, number]);
  const reprint = api ? () => void api.printPrescription({}).then(setState, () => undefined) : null;
  return { state, reprint };
}

import { useEffect, useState } from 'react';
import type { AuscultationFailure } from '../common/auscultation/auscultation';
import type { AuscultationSite } from '../common/auscultation/sites';
import type { DoctorEvent } from '../common/signaling/messages';
import type { DoctorClient } from './platform-client';

/** Where the auscultation stands, as the console shows it. */
export type AuscultationState =
  | { phase: 'idle' }
  | { phase: 'requested'; site: AuscultationSite }
  | { phase: 'listening'; site: AuscultationSite }
  | { phase: 'failed'; site: AuscultationSite; failure: AuscultationFailure }
  | { phase: 'ended'; site: AuscultationSite };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The doctor's side of the auscultation: ask the kiosk for a site (again to move the chest
 * piece), end it, and follow what the kiosk says of it (`auscultation-state`). A refused request
 * shows as the call's error and undoes the "requested" state.
 */
export function useAuscultation(client: DoctorClient, consultationId: string, setError: (error: string) => void) {
  const [state, setState] = useState<AuscultationState>({ phase: 'idle' });

  useEffect(
    () =>
      client.on((event: DoctorEvent) => {
        if (event.type !== 'auscultation-state' || event.consultationId !== consultationId) return;
        const { report } = event;
        setState(
          report.state === 'failed'
            ? { phase: 'failed', site: report.site, failure: report.failure }
            : {
                phase: report.state,
                site: report.site,
              },
        );
      }),
    [client, consultationId],
  );

  const request = (site: AuscultationSite) => {
    const before = state;
    setState({ phase: 'requested', site });
    client.request('request-auscultation', { consultationId, site }).catch((e: unknown) => {
      setState(before);
      setError(message(e));
    });
  };
  const end = () => {
    client.request('end-auscultation', { consultationId }).catch((e: unknown) => setError(message(e)));
  };
  return { state, request, end };
}

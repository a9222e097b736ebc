import { useState } from 'react';
import { SignalRequestError } from '../common/signaling/signaling-client';
import type { Accepted } from './ConsultationView';
import type { Translate } from './i18n';
import type { DoctorClient } from './platform-client';
import { CALL_KEY } from './use-doctor-session';

/**
 * Taking a patient from the queue: one accept at a time, the consultation remembered for a rejoin
 * after a reload, and a plain notice when another doctor was faster or the patient is not theirs to take.
 */
export function useAcceptPatient(
  client: DoctorClient | null,
  storage: Storage,
  t: Translate,
  onAccepted: (accepted: Accepted) => void,
) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const accept = async (consultationId: string) => {
    if (!client) return;
    setBusy(true);
    setNotice(null);
    try {
      const accepted = await client.request('accept', { consultationId });
      storage.setItem(CALL_KEY, consultationId);
      onAccepted(accepted);
    } catch (e) {
      const code = e instanceof SignalRequestError ? e.code : null;
      setNotice(
        code === 'conflict'
          ? t('queue.taken')
          : code === 'busy'
            ? t('queue.busy')
            : code === 'forbidden'
              ? t('queue.outOfScope')
              : t('error.with', { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return { accept, busy, notice, setNotice };
}

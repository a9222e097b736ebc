import { useEffect, useState } from 'react';
import type { ExamCameraFailure } from '../common/exam-camera/exam-camera';
import type { DoctorEvent } from '../common/signaling/messages';
import type { DoctorClient } from './platform-client';

/** Where the examination camera stands, as the console shows it. */
export type ExamCameraState =
  | { phase: 'idle' }
  | { phase: 'requested' }
  /** The size the kiosk captures it at (its native one). */
  | { phase: 'streaming'; width: number; height: number }
  | { phase: 'failed'; failure: ExamCameraFailure }
  | { phase: 'ended' };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The doctor's side of the examination camera: ask the kiosk for it, end it, and follow what the
 * kiosk says of it (`exam-camera-state`). A refused request shows as the call's error and undoes
 * the "requested" state.
 */
export function useExamCamera(client: DoctorClient, consultationId: string, setError: (error: string) => void) {
  const [state, setState] = useState<ExamCameraState>({ phase: 'idle' });

  useEffect(
    () =>
      client.on((event: DoctorEvent) => {
        if (event.type !== 'exam-camera-state' || event.consultationId !== consultationId) return;
        const { report } = event;
        if (report.state === 'failed') setState({ phase: 'failed', failure: report.failure });
        else if (report.state === 'streaming')
          setState({ phase: 'streaming', width: report.width, height: report.height });
        else setState({ phase: 'ended' });
      }),
    [client, consultationId],
  );

  const request = () => {
    const before = state;
    setState({ phase: 'requested' });
    client.request('request-exam-camera', { consultationId }).catch((e: unknown) => {
      setState(before);
      setError(message(e));
    });
  };
  const end = () => {
    client.request('end-exam-camera', { consultationId }).catch((e: unknown) => setError(message(e)));
  };
  return { state, request, end };
}

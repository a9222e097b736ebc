import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { MeasurementKind } from '../common/devices/kinds';
import { isEmptyNote, type ConsultationNote, type ConsultationReport } from '../common/signaling/messages';
import type { ConsultationDraft } from './ConsultationView';
import type { DoctorClient } from './platform-client';
import { toDraft } from './PrescriptionEditor';
import { measurementRequested, requestFailed, type VitalsState } from './vitals-state';

/**
 * A console reloaded mid-call starts with an empty draft: it takes up the note the platform last
 * saved (the rejoin's), unless the doctor has already typed something since.
 */
function useSavedNote(
  saved: ConsultationNote | undefined,
  onDraft: (update: (d: ConsultationDraft) => ConsultationDraft) => void,
) {
  useEffect(() => {
    if (saved && !isEmptyNote(saved)) onDraft((d) => (isEmptyNote(d.note) ? { ...d, note: saved } : d));
    // Once per consultation shown: a later save must not overwrite what the doctor types.
  }, []);
}

/** ms after the last keystroke before the notes are saved on the platform. */
const NOTES_SAVE_DELAY_MS = 1500;

/** Saves the notes on the platform once the doctor pauses typing (the end of the call sends them anyway). */
function useNotesSaver(client: DoctorClient, consultationId: string) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
  };
  const save = (note: ConsultationNote) => {
    cancel();
    timer.current = setTimeout(
      () => void client.request('save-notes', { consultationId, note }).catch(() => {}),
      NOTES_SAVE_DELAY_MS,
    );
  };
  return { save, cancel };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * What the doctor asks of the platform during a call: a measurement, the identity checked, the
 * notes saved as they type, and the end of the call with the prescription. A refusal shows as the
 * call's error and undoes what it had marked (a measurement no longer "sent").
 */
export function useDoctorRequests(o: {
  client: DoctorClient;
  /** The call, and the note the platform holds for it (the rejoin's after a reload). */
  accepted: { consultationId: string; note?: ConsultationNote };
  draft: ConsultationDraft;
  onDraft(update: (draft: ConsultationDraft) => ConsultationDraft): void;
  setVitals: Dispatch<SetStateAction<VitalsState>>;
  setError(error: string): void;
  endMedia(): void;
  onEnded(report: ConsultationReport | null): void;
}) {
  const { client } = o;
  const { consultationId } = o.accepted;
  const [ending, setEnding] = useState(false);
  /** The last end of the call failed (the platform did not store the report): the call goes on. */
  const [endFailed, setEndFailed] = useState(false);
  const notesSaver = useNotesSaver(client, consultationId);
  useSavedNote(o.accepted.note, o.onDraft);

  const measure = (kind: MeasurementKind) => {
    o.setVitals((s) => measurementRequested(s, kind));
    client.request('request-measurement', { consultationId, kind }).catch((e: unknown) => {
      o.setVitals((s) => requestFailed(s, kind));
      o.setError(message(e));
    });
  };
  const verify = (value: boolean) => {
    client.request('verify-identity', { consultationId, verified: value }).then(
      () => o.onDraft((d) => ({ ...d, verified: value })),
      (e: unknown) => o.setError(message(e)),
    );
  };
  const editNote = (value: ConsultationNote) => {
    o.onDraft((d) => ({ ...d, note: value }));
    notesSaver.save(value);
  };
  const end = async () => {
    setEnding(true);
    setEndFailed(false);
    notesSaver.cancel();
    try {
      const { report } = await client.request('end-call', {
        consultationId,
        prescription: toDraft(o.draft.lines),
        note: o.draft.note,
      });
      o.endMedia();
      o.onEnded(report);
    } catch (e) {
      // Nothing ended: the notes and the prescription stay in the editor (the draft) for a retry.
      o.setError(message(e));
      setEndFailed(true);
      setEnding(false);
    }
  };
  return { measure, verify, editNote, end, ending, endFailed };
}

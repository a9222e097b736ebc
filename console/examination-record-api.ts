import { auscultationClipsPath, type AuscultationClipInfo } from '../common/auscultation/clip';
import { examStillsPath, type ExamStillInfo } from '../common/exam-camera/still';
import { err, ok, type Result } from '../common/util/result';
import { bearerHeader } from './platform-client';

/** What the doctor kept of the examination: the camera's stills and the stethoscope's clips. */
export interface ExaminationRecord {
  stills: ExamStillInfo[];
  clips: AuscultationClipInfo[];
}

/**
 * The consultation's stills and clips as the record lists them (through the read gate, as the
 * report's other parts). The error is the first HTTP status that was not OK (0: no answer).
 */
export async function fetchExaminationRecord(
  consultationId: string,
  storage: Storage = window.sessionStorage,
): Promise<Result<ExaminationRecord, number>> {
  try {
    const headers = bearerHeader(storage);
    const [stills, clips] = await Promise.all([
      fetch(examStillsPath(consultationId), { headers }),
      fetch(auscultationClipsPath(consultationId), { headers }),
    ]);
    if (!stills.ok) return err(stills.status);
    if (!clips.ok) return err(clips.status);
    return ok({
      stills: ((await stills.json()) as { stills: ExamStillInfo[] }).stills,
      clips: ((await clips.json()) as { clips: AuscultationClipInfo[] }).clips,
    });
  } catch {
    return err(0);
  }
}

/** A kept still's image. The error is the HTTP status (0: no answer). */
export async function fetchStillImage(
  consultationId: string,
  stillId: string,
  storage: Storage = window.sessionStorage,
): Promise<Result<Blob, number>> {
  try {
    const res = await fetch(`${examStillsPath(consultationId)}/${encodeURIComponent(stillId)}`, {
      headers: bearerHeader(storage),
    });
    return res.ok ? ok(await res.blob()) : err(res.status);
  } catch {
    return err(0);
  }
}

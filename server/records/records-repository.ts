import type { AuscultationClipInfo } from '../../common/auscultation/clip';
import type { ExamStillInfo } from '../../common/exam-camera/still';
import type { CalibrationRecord } from '../../common/calibration/calibration-record';
import type { ConsultationRecord } from '../../common/records/consultation';
import type { ConsentRecord as KioskConsentAnswer, RecordItem } from '../../common/records/wire';

/** An auscultation clip as the platform keeps it: what the console lists, whose it is, and its WAV file. */
export interface AuscultationClip extends AuscultationClipInfo {
  sessionId: string;
  kioskId: string;
  consultationId: string;
  /** RPPS of the doctor who recorded it. */
  doctorRpps: string;
  wav: Uint8Array;
}

/** A still from the examination camera as the platform keeps it: what the console lists, whose it is, its image. */
export interface ExamStill extends ExamStillInfo {
  sessionId: string;
  kioskId: string;
  consultationId: string;
  /** RPPS of the doctor who captured it. */
  doctorRpps: string;
  image: Uint8Array;
}

/**
 * A batch touched another kiosk's records (a session, or a register line naming another kiosk);
 * nothing of the batch was stored.
 */
export class RecordsConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordsConflictError';
  }
}

/**
 * The platform's durable records, behind an interface so PostgreSQL can replace SQLite: the
 * ingestion routes and the FHIR export depend only on this.
 */
export interface RecordsRepository {
  /**
   * Stores a validated batch from `kioskId` atomically, in item order: each id at most once (a
   * replayed id changes nothing). Resolves with the ids now held (new and already stored), once
   * durable. Rejects with RecordsConflictError when an item names another kiosk's session
   * or register.
   */
  storeBatch(kioskId: string, items: readonly RecordItem[]): Promise<string[]>;
  /** The consultation with its identity and measurements; null when unknown. */
  consultation(sessionId: string): Promise<ConsultationRecord | null>;
  /** The calibration checks the kiosks sent (one kiosk's, or every one), oldest first. */
  calibrations(kioskId?: string): Promise<CalibrationRecord[]>;
  /** Keeps a clip once durable; the same id twice is refused (a replay must not double it). */
  storeAuscultationClip(clip: AuscultationClip): Promise<void>;
  /** The clips of a kiosk session, oldest first, without their audio. */
  auscultationClips(sessionId: string): Promise<AuscultationClipInfo[]>;
  /** A clip's WAV file, or null when the session has no such clip. */
  auscultationClipAudio(sessionId: string, clipId: string): Promise<Uint8Array | null>;
  /** Keeps a still once durable; the same id twice is refused. */
  storeExamStill(still: ExamStill): Promise<void>;
  /** The stills of a kiosk session, oldest first, without their image. */
  examStills(sessionId: string): Promise<ExamStillInfo[]>;
  /** A still's image and its type, or null when the session has no such still. */
  examStillImage(sessionId: string, stillId: string): Promise<{ contentType: string; image: Uint8Array } | null>;
  /** The consent answers the kiosk synced for a session (the text's version, language and hash), in arrival order. */
  consentAnswers(sessionId: string): Promise<KioskConsentAnswer[]>;
  /** Ids of every stored measurement of a session (or of all sessions), in arrival order. */
  measurementIds(sessionId?: string): Promise<string[]>;
  close(): Promise<void>;
}

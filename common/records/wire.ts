import { z } from 'zod';
import { SecondaryUse, SecondaryUseAnswer } from '../consent/consent-record';
import { CalibrationRecord } from '../calibration/calibration-record';
import { Measurement } from '../devices/measurement';
import { CarePathwayAnswers, Specialty } from '../flow/care-pathway';
import { PatientIdentity } from '../identity/identity';
import { SessionOutcome } from './session-outcome';

/**
 * The durable-record wire format between the kiosk's outbox (main/sync) and the platform's records
 * ingestion (server/records): `POST /api/records/batch` with a RecordsBatch body, answered by a
 * RecordsAck. Every item carries a stable id given when the kiosk first wrote it; the platform
 * stores each id at most once, so a replayed batch changes nothing.
 */

/**
 * Largest batch the platform accepts; the sync client sends at most this many items at once. A
 * batch is one durable commit on each side, so after an outage fewer, larger batches drain faster
 * (100,000 readings: 200 batches of 500 took 7–8 s, 50 of 2,000 under 5 s; BENCHMARKS.md).
 * Platforms are upgraded before kiosks: an older platform refuses more than 500.
 */
export const MAX_BATCH_ITEMS = 2000;

/** Largest batch body the platform accepts (bytes); the sync client keeps under it (Outbox.pending). */
export const MAX_BATCH_BYTES = 2 * 1024 * 1024;

/** Session ids are chosen by the kiosk's flow (UUIDs in practice); kept short and printable. */
export const SessionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "-" or "_" (1–64)');

const isoTime = z.iso.datetime({ offset: true });

export const SessionOpened = z.object({ kioskId: z.string().min(1).max(64), startedAt: isoTime });
export const ConsentRecord = z.object({
  /** Version of the consent text the patient was shown, e.g. "2026-01". */
  textVersion: z.string().min(1).max(40),
  teleconsultation: z.boolean(),
  secondaryUse: z.boolean(),
  /** When the patient answered. */
  at: isoTime,
  /** The language the text was shown in (absent on answers recorded before it was kept). */
  language: z.enum(['fr', 'en', 'es', 'ar']).optional(),
  /** SHA-256 (hex) of exactly the consent text shown, computed on the screen that showed it. */
  textSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /**
   * Each secondary use's own answer with its text's version and hash (absent from kiosks that asked
   * one research toggle: `secondaryUse` is then that answer). `secondaryUse` mirrors research here.
   */
  uses: z.array(SecondaryUseAnswer).max(SecondaryUse.options.length).optional(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;
export const IntakeRecord = z.object({
  carePathway: CarePathwayAnswers.nullable(),
  locality: z.string().max(100).nullable(),
  specialty: Specialty,
  reason: z.string().max(2000),
  contact: z.object({ email: z.string().max(200).nullable(), phone: z.string().max(40).nullable() }),
});
export type IntakeRecord = z.infer<typeof IntakeRecord>;
export const SessionClosed = z.object({
  endedAt: isoTime,
  outcome: SessionOutcome,
  prescriptionNumber: z.string().max(64).nullable(),
  /** Patient's satisfaction rating 1–5, when given. */
  rating: z.number().int().min(1).max(5).nullable(),
});
export type SessionClosed = z.infer<typeof SessionClosed>;

const item = <K extends string, P extends z.ZodType>(kind: K, payload: P) =>
  z.object({
    /** Stable id (UUID) of this record; the platform dedups on it. */
    id: z.uuid(),
    sessionId: SessionId,
    kind: z.literal(kind),
    payload,
  });

/**
 * A line of the kiosk's maintenance register: no patient, so no session (`sessionId: null`). The
 * item's id is the register entry's own.
 */
const registerItem = <K extends string, P extends z.ZodType>(kind: K, payload: P) =>
  z.object({ id: z.uuid(), sessionId: z.null(), kind: z.literal(kind), payload });

/** One record from the kiosk's outbox. Items of a session arrive in the order the kiosk wrote them. */
export const RecordItem = z.discriminatedUnion('kind', [
  item('session-opened', SessionOpened),
  item('identity', PatientIdentity),
  item('consent', ConsentRecord),
  item('intake', IntakeRecord),
  item('measurement', Measurement),
  item('session-closed', SessionClosed),
  registerItem('calibration', CalibrationRecord),
]);
export type RecordItem = z.infer<typeof RecordItem>;
export type RecordKind = RecordItem['kind'];
/** The items of a patient's session (every kind but the register's). */
export type SessionRecordItem = Extract<RecordItem, { sessionId: string }>;

export const RecordsBatch = z.object({ items: z.array(RecordItem).min(1).max(MAX_BATCH_ITEMS) });
export type RecordsBatch = z.infer<typeof RecordsBatch>;

/**
 * The platform's acknowledgement: the ids it now holds durably (newly stored or already held from
 * an earlier delivery). The kiosk marks exactly these as sent, nothing else.
 */
export const RecordsAck = z.object({ stored: z.array(z.uuid()) });
export type RecordsAck = z.infer<typeof RecordsAck>;

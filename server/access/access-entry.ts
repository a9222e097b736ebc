/**
 * One line of the access log: who, what, which consultation, the outcome, when and from where. Ids
 * only: never a name, an identity or a reading (the log is read by operators, not doctors).
 */

/**
 * Who asked: a signed-in doctor, an export token's holder, a kiosk's credential, whoever holds a
 * prescription's QR code (its public verification link), or nobody known (no valid credential).
 */
export type AccessActor =
  | { kind: 'doctor'; id: string }
  | { kind: 'export-token'; id: string }
  | { kind: 'kiosk'; id: string }
  | { kind: 'qr-code' }
  | { kind: 'anonymous' };

/** The actor's id, null for those without one. */
export function actorId(actor: AccessActor): string | null {
  return actor.kind === 'anonymous' || actor.kind === 'qr-code' ? null : actor.id;
}

/** `read` a consultation's data, or `share` it with a colleague (`resourceId`: the colleague's id). */
export type AccessAction = 'read' | 'share';

/**
 * What was asked for: the FHIR export of a session's record, a prescription's PDF, a doctor's report,
 * the consultation itself as the console receives it (identity and readings, on accept and rejoin),
 * or a share.
 */
export type AccessResource =
  | 'fhir-export'
  | 'prescription'
  | 'report'
  | 'consultation'
  | 'share'
  | 'auscultation-clip'
  | 'exam-still'
  /** A consultation's identity as identity vigilance holds it (INS, status, INSi's outcome). */
  | 'identity';

export type AccessOutcome = 'allowed' | 'refused';

export interface AccessAttempt {
  actor: AccessActor;
  action: AccessAction;
  resource: AccessResource;
  /** The session id (FHIR export), prescription number, consultation id (report), colleague's id (share). */
  resourceId: string;
  /** The consultation concerned when known (null: an unknown session or prescription). */
  consultationId: string | null;
  outcome: AccessOutcome;
  /** Why it was refused, as a code (`not-a-participant`, `unauthenticated`, …); null when allowed. */
  reason: string | null;
  /** The client's address as the HTTP server sees it (after the trusted proxies' X-Forwarded-For). */
  remoteAddress: string;
}

/** An attempt as stored: its number, time (ms since the epoch) and place in the chain. */
export interface AccessEntry extends AccessAttempt {
  seq: number;
  at: number;
  prevHash: string;
  hash: string;
}

/** "doctor:<id>", "export-token:<id>", "kiosk:<id>", "qr-code" or "anonymous", for the admin command. */
export function actorLabel(actor: AccessActor): string {
  const id = actorId(actor);
  return id === null ? actor.kind : `${actor.kind}:${id}`;
}

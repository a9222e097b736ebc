import type { ConsultationCompliance } from '../../common/fhir/consultation-bundle';
import type { HttpApp } from '../../http/http-server';
import type { ReadGate } from '../access/read-gate';
import type { RecordsRepository } from './records-repository';
import { registerAuscultationClipRoutes, type DoctorConsultationOf } from './auscultation-clip-routes';
import { registerExamStillRoutes } from './exam-still-routes';
import { ExportTokens } from './export-tokens';
import type { RecordsDatabaseFile } from './records-database';
import { consentsFromKioskAnswer, type ConsentRecord } from '../../common/consent/consent-record';
import { ConsentWithdrawals, withWithdrawals, type ConsentWithdrawalStore } from '../consent/consent-withdrawals';
import { PgConsentWithdrawals } from '../consent/pg-consent-withdrawals';
import { PgRecordsRepository } from './pg-records-repository';
import { registerRecordsRoutes, type RecordsRoutesOptions } from './records-routes';
import { SqliteRecordsRepository } from './sqlite-records-repository';

export interface RecordsService {
  /** Mounts its routes on the platform's server. */
  register(app: HttpApp): void;
  readonly repository: RecordsRepository;
  /** Export tokens in the same database (created and revoked by server/admin.ts). */
  readonly exportTokens: ExportTokens;
  /** The withdrawals of per-use consents (pharmacist route, admin command). */
  readonly withdrawals: ConsentWithdrawalStore;
  /** A session's consents as the export gives them: one per use, withdrawals applied. */
  consents(sessionId: string): Promise<ConsentRecord[]>;
  close(): Promise<void>;
}

/**
 * The platform's records service: the records database (`<dataDir>/records.sqlite` under the data
 * key, or in memory) and its routes. `verifyKiosk` is server/auth's kiosk credential check; `reads`
 * decides and logs who reads the FHIR export (a doctor of the consultation, an export token; never a
 * password over HTTP Basic, which would be a way around the sign-in throttle).
 */
export function openRecordsService(options: {
  database: RecordsDatabaseFile;
  /** The records engine (server/platform-storage.ts); default SQLite in `database`. The service closes it. */
  repository?: RecordsRepository;
  verifyKiosk: RecordsRoutesOptions['verifyKiosk'];
  reads: ReadGate;
  /** The consultation in call with the request's doctor (clips and stills are kept under it). */
  consultationOf?: DoctorConsultationOf;
  /** The kiosk session of a consultation, where its clips and stills are read (ConsultationAccess). */
  sessionOf?: (consultationId: string) => Promise<string | null>;
  /** Identity vigilance: told of each stored batch, and adds the INS identity and prescription to the export. */
  identity?: {
    onStored: NonNullable<RecordsRoutesOptions['onStored']>;
    compliance(sessionId: string): Promise<ConsultationCompliance>;
  };
  now?: () => number;
}): RecordsService {
  const repository = options.repository ?? new SqliteRecordsRepository(options.database);
  const exportTokens = new ExportTokens(options.database, options.now);
  const withdrawals = withdrawalsBeside(repository, options.database);
  const consents = async (sessionId: string) =>
    withWithdrawals(await consentsOf(repository, sessionId), await withdrawals.of(sessionId));
  return {
    register: (app) => {
      registerRecordsRoutes(app, {
        repository,
        verifyKiosk: options.verifyKiosk,
        reads: options.reads,
        compliance: async (sessionId) => ({
          ...(await options.identity?.compliance(sessionId)),
          consents: await consents(sessionId),
        }),
        ...(options.identity ? { onStored: options.identity.onStored } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      const consultationOf: DoctorConsultationOf = async (headers, id) =>
        (await options.consultationOf?.(headers, id)) ?? null;
      const media = {
        repository,
        consultationOf,
        reads: options.reads,
        sessionOf: options.sessionOf ?? (async () => null),
      };
      registerAuscultationClipRoutes(app, media);
      registerExamStillRoutes(app, media);
    },
    repository,
    exportTokens,
    withdrawals,
    consents,
    close: async () => {
      exportTokens.close();
      withdrawals.close();
      await repository.close();
    },
  };
}

/** The withdrawals beside the consents: on the records' PostgreSQL when they are there, so every node sees them. */
export function withdrawalsBeside(
  repository: RecordsRepository,
  database: RecordsDatabaseFile,
): ConsentWithdrawalStore {
  return repository instanceof PgRecordsRepository
    ? new PgConsentWithdrawals(repository.connection().pool)
    : new ConsentWithdrawals(database);
}

/**
 * The consents of a session as the export gives them, one per use: from the kiosk's last answer
 * (a patient who went back answered again; the last answer is the one that holds). An answer that
 * does not name the text's language and hash gives none (consentsFromKioskAnswer).
 */
export async function consentsOf(repository: RecordsRepository, sessionId: string): Promise<ConsentRecord[]> {
  const answer = (await repository.consentAnswers(sessionId)).at(-1);
  return answer ? consentsFromKioskAnswer(answer) : [];
}

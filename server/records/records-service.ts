import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpApp } from '../../http/http-server';
import type { RecordsRepository } from './records-repository';
import { ExportTokens } from './export-tokens';
import { registerRecordsRoutes, type RecordsRoutesOptions } from './records-routes';
import { SqliteRecordsRepository } from './sqlite-records-repository';

/** The records database's file name inside the platform's data dir. */
export const RECORDS_FILE_NAME = 'records.sqlite';

export interface RecordsService {
  /** Mounts its routes on the platform's server (PlatformOptions.extraRoutes). */
  register(app: HttpApp): void;
  readonly repository: RecordsRepository;
  /** Export tokens in the same database (created and revoked by server/admin.ts). */
  readonly exportTokens: ExportTokens;
  close(): Promise<void>;
}

/**
 * The platform's records service: `<dataDir>/records.sqlite` (in memory when dataDir is null) and
 * its routes. `verifyKiosk` is server/auth's kiosk credential check. The FHIR export is read by a
 * signed-in doctor (`isDoctor`: the console's session) or a tool holding an export token; never
 * with a password over HTTP Basic, which would be a way around the sign-in throttle.
 */
export function openRecordsService(options: {
  dataDir: string | null;
  verifyKiosk: RecordsRoutesOptions['verifyKiosk'];
  isDoctor(headers: IncomingHttpHeaders): boolean;
  now?: () => number;
}): RecordsService {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = options.dataDir ? join(options.dataDir, RECORDS_FILE_NAME) : ':memory:';
  const repository = new SqliteRecordsRepository(file);
  const exportTokens = new ExportTokens(file, options.now);
  return {
    register: (app) =>
      registerRecordsRoutes(app, {
        repository,
        verifyKiosk: options.verifyKiosk,
        authorizeRead: (headers) =>
          options.isDoctor(headers) || exportTokens.allows(headers.authorization, 'fhir-export'),
      }),
    repository,
    exportTokens,
    close: async () => {
      exportTokens.close();
      await repository.close();
    },
  };
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpApp } from '../../http/http-server';
import type { RecordsRepository } from './records-repository';
import { registerRecordsRoutes, type ReadAuthorizer } from './records-routes';
import { SqliteRecordsRepository } from './sqlite-records-repository';

/** The records database's file name inside the platform's data dir. */
export const RECORDS_FILE_NAME = 'records.sqlite';

export type { ReadAuthorizer } from './records-routes';

export interface RecordsService {
  /** Mounts its routes on the platform's server (PlatformOptions.extraRoutes). */
  register(app: HttpApp): void;
  readonly repository: RecordsRepository;
  close(): Promise<void>;
}

/**
 * The platform's records service: `<dataDir>/records.sqlite` (in memory when dataDir is null) and
 * its routes. `verifyKiosk` is server/auth's kiosk credential check; `authorizeRead` decides who may
 * export a consultation (doctors).
 */
export function openRecordsService(options: {
  dataDir: string | null;
  verifyKiosk(token: string): string | null;
  authorizeRead: ReadAuthorizer;
}): RecordsService {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const repository = new SqliteRecordsRepository(
    options.dataDir ? join(options.dataDir, RECORDS_FILE_NAME) : ':memory:',
  );
  return {
    register: (app) =>
      registerRecordsRoutes(app, {
        repository,
        verifyKiosk: options.verifyKiosk,
        authorizeRead: options.authorizeRead,
      }),
    repository,
    close: () => repository.close(),
  };
}

/**
 * Authorises a read by a doctor's account: `Authorization: Basic base64(email:password)`, checked
 * against the platform's doctor accounts (server/auth). For exports by tools outside the console.
 */
export function basicDoctorAuthorizer(accounts: { verify(email: string, password: string): Promise<unknown> }) {
  return async (headers: IncomingHttpHeaders): Promise<boolean> => {
    const match = /^Basic ([A-Za-z0-9+/=]{4,400})$/.exec(headers.authorization ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return false;
    return (await accounts.verify(decoded.slice(0, colon), decoded.slice(colon + 1))) != null;
  };
}

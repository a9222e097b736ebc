import type { IncomingHttpHeaders } from 'node:http';
import type { DoctorSessions } from '../auth/doctor-sessions';
import type { KioskCredentials } from '../auth/kiosk-credentials';
import type { ExportTokens } from '../records/export-tokens';
import type { Reader, ReaderKind } from './read-gate';

/**
 * Names a request's reader from its `Authorization: Bearer …`, among the kinds a route accepts: a
 * doctor's console session, an export token (FHIR export scope), a kiosk's credential.
 */
export function readerIdentifier(credentials: {
  sessions: DoctorSessions;
  exportTokens: Pick<ExportTokens, 'holder'>;
  kioskCredentials: KioskCredentials;
}) {
  return async (headers: IncomingHttpHeaders, kinds: readonly ReaderKind[]): Promise<Reader | null> => {
    const { authorization } = headers;
    if (kinds.includes('doctor')) {
      const session = await credentials.sessions.fromAuthorization(authorization);
      if (session) return { kind: 'doctor', doctor: session.doctor };
    }
    if (kinds.includes('export-token')) {
      const id = credentials.exportTokens.holder(authorization, 'fhir-export');
      if (id) return { kind: 'export-token', id };
    }
    if (kinds.includes('kiosk')) {
      const kiosk = await credentials.kioskCredentials.fromAuthorization(authorization);
      if (kiosk) return { kind: 'kiosk', kioskId: kiosk.kioskId };
    }
    return null;
  };
}

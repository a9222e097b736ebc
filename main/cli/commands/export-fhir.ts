import { writeFileSync } from 'node:fs';
import { consultationBundle } from '../../../common/fhir/consultation-bundle';
import { SessionId } from '../../../common/records/wire';
import { loadKioskConfig } from '../../../kiosk-config/kiosk-dirs';
import { KioskStore } from '../../db/kiosk-store';
import { parseCliArgs, UsageError, type CliCommand } from '../command';

/**
 * `kioskctl export fhir --session <id>`: one consultation held on this kiosk as a FHIR R4 Bundle
 * (JSON on stdout, or --out <file> written 0600: it holds the patient's identity). Recorded in the
 * audit log. A session already purged after the platform's acknowledgement is exported from the
 * platform instead (GET /api/records/sessions/<id>/fhir).
 */
export const exportFhirCommand: CliCommand = {
  name: ['export', 'fhir'],
  summary: 'export a consultation held on this kiosk as a FHIR R4 Bundle',
  usage: 'Usage: kioskctl export fhir --session <id> [--out <file>] [--config <kiosk config>]',
  async run(args, io) {
    const { values } = parseCliArgs({
      args,
      options: { session: { type: 'string' }, out: { type: 'string' }, config: { type: 'string' } },
    });
    const session = SessionId.safeParse(values.session);
    if (!session.success)
      throw new UsageError(
        values.session === undefined ? 'give --session <id>' : `--session: ${session.error.issues[0]!.message}`,
      );
    const { config } = loadKioskConfig(values.config);
    const store = KioskStore.openInDataDir(config.storage);
    try {
      const consultation = store.consultation(session.data);
      if (!consultation) {
        io.err(`kioskctl export fhir: no session ${session.data} on this kiosk`);
        return 1;
      }
      if (consultation.identity === null && consultation.measurements.length === 0 && consultation.endedAt !== null) {
        io.err(
          `kioskctl export fhir: session ${session.data} was purged after the platform acknowledged it; export it from the platform`,
        );
        return 1;
      }
      const bundle = JSON.stringify(consultationBundle(consultation, new Date().toISOString()), null, 2);
      store.audit.append({ actor: 'kioskctl', action: 'fhir-export', subject: session.data });
      if (values.out) writeFileSync(values.out, `${bundle}\n`, { mode: 0o600 });
      else io.out(bundle);
      return 0;
    } finally {
      store.close();
    }
  },
};

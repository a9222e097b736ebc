import { parseArgs } from 'node:util';
import { calibrationRegisterCsv, calibrationsDue } from '../common/calibration/register-csv';
import { platformDataDir } from './platform-data-dir';
import { platformDataKey } from './platform-data-key';
import { recordsDatabaseFile, type RecordsDatabaseFile } from './records/records-database';
import { SqliteRecordsRepository } from './records/sqlite-records-repository';

export const CALIBRATION_USAGE =
  'calibrations register [--kiosk K] [--device D] | calibrations due [--days N] [--json]';

/**
 * The calibrations the kiosks synced, from the platform's records:
 *   calibrations register [--kiosk K] [--device D]: the register as CSV (one line per check, oldest
 *     first), of the whole fleet, one kiosk, or one of its devices;
 *   calibrations due [--days N] [--json]: the fleet view, each kiosk's devices by their newest
 *     check: out of service (failed), overdue, due within N days (30), then the rest, soonest first.
 */
export function runCalibrationAdmin(args: string[], env: NodeJS.ProcessEnv, now: number): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      kiosk: { type: 'string' },
      device: { type: 'string' },
      days: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const dataDir = platformDataDir(values['data-dir'], env);
  const database = recordsDatabaseFile(dataDir, platformDataKey({ dataDir, env, development: true }).key);
  return runCalibrationCommand(database, positionals[0], values, now);
}

async function runCalibrationCommand(
  database: RecordsDatabaseFile,
  sub: string | undefined,
  values: { kiosk?: string; device?: string; days?: string; json?: boolean },
  now: number,
): Promise<string> {
  const repository = new SqliteRecordsRepository(database);
  try {
    const checks = (await repository.calibrations(values.kiosk)).filter(
      (c) => values.device === undefined || c.deviceId === values.device,
    );
    if (sub === 'register') return calibrationRegisterCsv(checks).trimEnd();
    if (sub === 'due') {
      const days = Number(values.days ?? '30');
      if (!Number.isInteger(days) || days < 1 || days > 365)
        throw new Error(`calibrations due: --days is a whole number of days, 1 to 365, not "${values.days}"`);
      const due = calibrationsDue(checks, now, days);
      if (values.json) return due.map((d) => JSON.stringify(d)).join('\n');
      if (due.length === 0) return 'no calibration received from any kiosk yet';
      return due
        .map(
          (d) =>
            `${d.state.padEnd(14)} ${d.kioskId} ${d.deviceId} (${d.model}, ${d.serialNumber ?? 'no serial'}) ` +
            `last ${d.lastCheck.slice(0, 10)} ${d.result}, due ${d.validUntil?.slice(0, 10) ?? '-'}`,
        )
        .join('\n');
    }
    throw new Error(`usage: ${CALIBRATION_USAGE}`);
  } finally {
    await repository.close();
  }
}

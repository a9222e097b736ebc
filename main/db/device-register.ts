import { randomUUID } from 'node:crypto';
import { CalibrationRecord as CalibrationCheck } from '../../common/calibration/calibration-record';
import type { DeviceModelId } from '../../drivers/catalogue/device-catalogue';
import type { Clock } from '../../common/util/clock';
import type { SqliteDatabase } from './open-database';

/** Something a device did that a technician may need (connected, error, disconnected…). No readings. */
export interface DeviceEvent {
  deviceId: string;
  /** Stable code, e.g. "connected", "checksum-error". */
  type: string;
  /** Technician-facing English; never patient data. */
  detail: string;
  /** ISO 8601; defaults to the store's clock. */
  at?: string;
}

/**
 * A calibration as one line of the register: what decides the device's state. A check made with
 * the wizard is recorded whole (`recordCheck`); a line alone is e.g. a maker's lab calibration
 * entered by hand.
 */
export interface CalibrationRecord {
  /** Stable id (UUID); given by the store when omitted. */
  id?: string;
  deviceId: string;
  model: DeviceModelId;
  serialNumber: string | null;
  /** ISO 8601 time the check was done. */
  performedAt: string;
  /** ISO 8601 date the calibration stops being valid; null when the model has no due date. */
  validUntil: string | null;
  result: 'passed' | 'failed';
  /** Technician's name or badge id. */
  technician: string;
  notes: string;
}

/** One line of the maintenance register (installation, cleaning, replacement, repair…). */
export interface MaintenanceEntry {
  id?: string;
  /** Null for work on the kiosk as a whole. */
  deviceId: string | null;
  /** ISO 8601. */
  at: string;
  action: string;
  technician: string;
  notes: string;
}

type CalibrationRow = {
  id: string;
  certificate_number: string | null;
  record: string | null;
  device_id: string;
  model: string;
  serial_number: string | null;
  performed_at: string;
  valid_until: string | null;
  result: 'passed' | 'failed';
  technician: string;
  notes: string;
};

/** Device events, calibrations and the maintenance register. */
export class DeviceRegister {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {}

  recordEvent(event: DeviceEvent): void {
    const at = event.at ?? new Date(this.clock.now()).toISOString();
    this.db
      .prepare('INSERT INTO device_events (device_id, at, at_ms, type, detail) VALUES (?, ?, ?, ?, ?)')
      .run(event.deviceId, at, Date.parse(at), event.type, event.detail);
  }

  /** Most recent first. */
  listEvents(deviceId: string, limit = 100): Required<DeviceEvent>[] {
    return this.db
      .prepare<[string, number], Required<DeviceEvent>>(
        'SELECT device_id AS deviceId, type, detail, at FROM device_events WHERE device_id = ? ORDER BY at_ms DESC, id DESC LIMIT ?',
      )
      .all(deviceId, limit);
  }

  /** Returns the record's id. Throws on a performedAt that is not an ISO time. */
  recordCalibration(record: CalibrationRecord): string {
    const id = record.id ?? randomUUID();
    this.db
      .prepare(
        `INSERT INTO calibrations (id, device_id, model, serial_number, performed_at, performed_at_ms, valid_until, result, technician, notes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        record.deviceId,
        record.model,
        record.serialNumber,
        record.performedAt,
        isoMs(record.performedAt, 'performedAt'),
        record.validUntil,
        record.result,
        record.technician,
        record.notes,
      );
    return id;
  }

  /**
   * A wizard's check, whole: its register line and the record the certificate is printed from.
   * Call inside the store's transaction that also queues it for the platform (KioskStore).
   */
  recordCheck(check: CalibrationCheck): void {
    this.recordCalibration({
      id: check.id,
      deviceId: check.deviceId,
      model: check.model as DeviceModelId,
      serialNumber: check.serialNumber,
      performedAt: check.performedAt,
      validUntil: check.validUntil,
      result: check.result,
      technician: check.technician,
      notes: `certificate ${check.certificateNumber}`,
    });
    this.db
      .prepare('UPDATE calibrations SET certificate_number = ?, record = ? WHERE id = ?')
      .run(check.certificateNumber, JSON.stringify(check), check.id);
  }

  /** The wizard's check of that id, as recorded; null for an unknown id or a line entered without one. */
  check(id: string): CalibrationCheck | null {
    const row = this.db
      .prepare<[string], { record: string | null }>('SELECT record FROM calibrations WHERE id = ?')
      .get(id);
    return row?.record ? CalibrationCheck.parse(JSON.parse(row.record)) : null;
  }

  /** Oldest first; every device when `deviceId` is omitted. */
  listCalibrations(deviceId?: string): Required<CalibrationRecord>[] {
    const rows = this.db
      .prepare<[{ device: string | null }], CalibrationRow>(
        'SELECT * FROM calibrations WHERE @device IS NULL OR device_id = @device ORDER BY performed_at_ms, id',
      )
      .all({ device: deviceId ?? null });
    return rows.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      model: r.model as DeviceModelId,
      serialNumber: r.serial_number,
      performedAt: r.performed_at,
      validUntil: r.valid_until,
      result: r.result,
      technician: r.technician,
      notes: r.notes,
    }));
  }

  addMaintenance(entry: MaintenanceEntry): string {
    const id = entry.id ?? randomUUID();
    this.db
      .prepare(
        'INSERT INTO maintenance_register (id, device_id, at, at_ms, action, technician, notes) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, entry.deviceId, entry.at, isoMs(entry.at, 'at'), entry.action, entry.technician, entry.notes);
    return id;
  }

  /** Oldest first. */
  listMaintenance(): Required<MaintenanceEntry>[] {
    return this.db
      .prepare<[], Required<MaintenanceEntry>>(
        'SELECT id, device_id AS deviceId, at, action, technician, notes FROM maintenance_register ORDER BY at_ms, id',
      )
      .all();
  }
}

function isoMs(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${field}: expected an ISO 8601 time, got ${JSON.stringify(value)}`);
  return ms;
}

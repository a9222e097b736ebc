import type { KioskHandlers } from '../../common/ipc/contract';
import { systemClock } from '../../common/util/clock';
import type { KioskConfig } from '../../kiosk-config/schema';
import type { KioskStore } from '../db/kiosk-store';
import { HandlerError } from '../ipc/dispatch';
import type { PlatformCredential } from '../platform-credential';
import { startTechnicianAccountsSync } from '../sync/technician-accounts-sync';
import type { StaffService, StaffServiceOptions } from './staff-service';
import { TechnicianSignIn, technicianActor } from './technician-sign-in';

/**
 * The technician's own access on the kiosk: the accounts fetched from the platform over the
 * kiosk's credential into the store (for offline sign-in), and the check that signs them in (with
 * its persisted lockout) as the staff service's options.
 */
export function startTechnicianAccess(
  config: KioskConfig,
  store: KioskStore,
  credential: PlatformCredential,
  fetch: typeof globalThis.fetch,
): { staffOptions: Pick<StaffServiceOptions, 'technicians' | 'audit'>; close(): void } {
  const sync = startTechnicianAccountsSync({
    platformUrl: config.platform.url,
    credential: () => credential.require(),
    onRefused: (code) => credential.refused(code),
    table: store.technicians,
    fetch,
  });
  return {
    staffOptions: {
      technicians: new TechnicianSignIn({ accounts: store.technicians, audit: store.audit, clock: systemClock }),
      audit: store.audit,
    },
    close: () => sync.stop(),
  };
}

/** The technician's requests: each is written to the audit log under their identifier. */
export const TECHNICIAN_ACTIONS = [
  'calibrationStart',
  'calibrationSend',
  'calibrationAbandon',
  'getCalibrationCertificate',
  'getCalibrationRegister',
  'getDiagnostics',
  'monitorDevice',
  'changeDevice',
  'getDeviceChoices',
] as const satisfies readonly (keyof KioskHandlers)[];
type TechnicianAction = (typeof TECHNICIAN_ACTIONS)[number];

/**
 * Wraps the technician's handlers so each call is audited: who (the signed-in technician's
 * identifier), what (the request's name and its step or device), and a refusal's code. Never the
 * values typed (a reference reading is no secret, but the log keeps codes and ids only).
 */
export function auditedTechnicianActions(
  handlers: Pick<KioskHandlers, TechnicianAction>,
  staff: Pick<StaffService, 'technician'>,
  audit: { append(entry: { actor: string; action: string; subject: string | null }): void },
): Pick<KioskHandlers, TechnicianAction> {
  const wrap = <N extends TechnicianAction>(name: N): KioskHandlers[N] =>
    (async (request: Parameters<KioskHandlers[N]>[0]) => {
      const technician = staff.technician();
      const actor = technician ? technicianActor(technician.id) : 'staff';
      const subject = subjectOf(request);
      try {
        const answer = await (handlers[name] as (r: typeof request) => unknown)(request);
        audit.append({ actor, action: `technician-${name}`, subject });
        return answer;
      } catch (error) {
        const code = error instanceof HandlerError ? error.code : 'error';
        audit.append({ actor, action: `technician-${name}-refused`, subject: code });
        throw error;
      }
    }) as KioskHandlers[N];
  return Object.fromEntries(TECHNICIAN_ACTIONS.map((name) => [name, wrap(name)])) as Pick<
    KioskHandlers,
    TechnicianAction
  >;
}

/** The technician's sign-in and their audited requests, for the kiosk's handlers. */
export function technicianHandlers(
  calibration: Pick<KioskHandlers, TechnicianAction>,
  staff: Pick<StaffService, 'technician' | 'signInTechnician'>,
  audit: { append(entry: { actor: string; action: string; subject: string | null }): void },
): Pick<KioskHandlers, TechnicianAction | 'technicianSignIn'> {
  return {
    ...auditedTechnicianActions(calibration, staff, audit),
    technicianSignIn: ({ identifier, secret }) => staff.signInTechnician(identifier, secret),
  };
}

/** The device or the wizard step a request is about; never a typed value. */
function subjectOf(request: unknown): string | null {
  const r = (request ?? {}) as { deviceId?: unknown; type?: unknown; calibrationId?: unknown };
  for (const value of [r.deviceId, r.type, r.calibrationId]) if (typeof value === 'string') return value;
  return null;
}

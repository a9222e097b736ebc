import type { KioskHandlers } from '../../common/ipc/contract';
import type { ScreenState } from '../../common/signaling/fleet';
import type { KioskConfig } from '../../kiosk-config/schema';
import type { FlowService } from '../flow/flow-service';
import type { PlatformCredential } from '../platform-credential';
import type { PrinterReporter } from '../printing/printer-report';
import { systemClock } from '../../common/util/clock';
import type { AuditLog } from '../db/audit-log';
import type { DeviceManager } from '../devices/device-manager';
import { HygieneTracker } from '../staff/hygiene-report';
import { HYGIENE_CONFIRMED_ACTION } from '../staff/staff-service';
import { startPlatformHeartbeat } from './platform-heartbeat';

/**
 * The fleet view's heartbeat: the devices as the screens see them, whether a patient is here, the
 * printer, the hygiene checklist and whether the screens failed for good. It beats at once, not at
 * the next 30 s beat, when a session opens or closes, a print ends (printed, out of paper, failed),
 * the checklist is done or falls due, a device's state changes (a failed calibration takes the cuff
 * out of service) or the shell gives up on the screens: the pharmacist's portal shows these within
 * about a second.
 */
export function startKioskHeartbeat(
  { config, version }: { config: KioskConfig; version: string },
  parts: {
    credential: PlatformCredential;
    handlers: KioskHandlers;
    fetch: typeof globalThis.fetch;
    printing: { reporter: PrinterReporter };
    patientFlow: { flow: FlowService };
    records: { store: { audit: AuditLog } };
    devices: { manager: Pick<DeviceManager, 'on'> };
  },
) {
  const { credential, handlers } = parts;
  const { flow } = parts.patientFlow;
  const beatNow = coalesced(() => heartbeat.beat());
  let screen: ScreenState = 'ok';
  const hygiene = new HygieneTracker(
    {
      hygieneDue: () => flow.hygieneDue(),
      onChange: (l) => flow.onChange(l),
      onSessionClosed: (l) => flow.onSessionClosed(l),
    },
    beatNow,
    systemClock,
    lastHygieneConfirmation(parts.records.store.audit),
  );
  const heartbeat = startPlatformHeartbeat({
    platformUrl: config.platform.url,
    fetch: parts.fetch,
    credential: () => credential.require(),
    onRenewed: (renewed) => credential.replace(renewed),
    onRefused: (code) => credential.refused(code),
    version,
    devices: async () => handlers.listDevices({}),
    inSession: async () => {
      try {
        return (await handlers.getFlow({})).sessionId !== null;
      } catch {
        return false; // no flow yet
      }
    },
    cabin: async () => ({ printer: await parts.printing.reporter.report(), hygiene: hygiene.report(), screen }),
  });
  flow.onSessionOpened(beatNow);
  flow.onSessionClosed(beatNow);
  parts.printing.reporter.onOutcome(beatNow);
  parts.devices.manager.on('statusChanged', beatNow);
  return {
    ...heartbeat,
    /** The shell gave up on the screens: reported at once, and with every beat until the kiosk restarts. */
    screenFailed: () => {
      screen = 'failed';
      beatNow();
    },
  };
}

/**
 * One beat at a time: changes that come while a beat is on its way (a failed calibration takes
 * the cuff out of service as the session closes) are sent together by one more beat after it.
 */
function coalesced(beat: () => Promise<unknown>): () => void {
  let sending = false;
  let again = false;
  const send = (): void => {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    void beat().finally(() => {
      sending = false;
      if (again) {
        again = false;
        send();
      }
    });
  };
  return send;
}

/** When the hygiene checklist was last confirmed, from the audit log's last 30 days; null if not. */
function lastHygieneConfirmation(audit: AuditLog): string | null {
  const since = systemClock.now() - 30 * 24 * 3600_000;
  return audit.list(since).findLast((entry) => entry.action === HYGIENE_CONFIRMED_ACTION)?.at ?? null;
}

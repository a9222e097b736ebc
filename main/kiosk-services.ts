import { kioskAppointments } from './appointments/kiosk-appointments';
import type { KioskHandlers } from '../common/ipc/contract';
import { systemClock, type Clock } from '../common/util/clock';
import type { KioskConfig } from '../kiosk-config/schema';
import { CalibrationService } from './calibration/calibration-service';
import { callSessionFromFlow, createCallTicketService } from './call/call-ticket-service';
import { startKioskHeartbeat } from './call/kiosk-heartbeat';
import type { DeviceManager } from './devices/device-manager';
import { startKioskDevices } from './devices/kiosk-devices';
import { mediaInputsOf } from './devices/media-inputs';
import { recordForCurrentSession } from './flow/flow-service';
import { startKioskFlow } from './flow/kiosk-flow';
import { RegisterCalibration } from './devices/register-calibration';
import { KioskEventHub } from './ipc/event-hub';
import { createKioskCards } from './identity/kiosk-cards';
import type { KioskStore } from './db/kiosk-store';
import { startKioskRecords } from './sync/kiosk-records';
import { PlatformCredential } from './platform-credential';
import { platformFetch } from './platform-fetch';
import { alertClient } from './alerts/alert-client';
import { startTechnicianAccess, technicianHandlers } from './staff/technician-access';
import { startDiagnostics } from './diagnostics/technician-diagnostics';
import { PharmacistAlerts } from './alerts/pharmacist-alerts';
import { kioskPrinting } from './printing/kiosk-printing';
import { createLogger } from '../common/util/logger';

const log = createLogger('kiosk:main:services');

export interface KioskServices {
  readonly handlers: KioskHandlers;
  readonly events: KioskEventHub;
  /** The encrypted local store (a SessionStore for the flow; outbox, register, audit for the rest). */
  readonly store: KioskStore;
  /** The serial/HID devices: status, live readings, spot checks (the flow starts measurements here). */
  readonly devices: DeviceManager;
  /**
   * The Electron shell gave up reloading screens that kept crashing (main/electron/recovery.ts): the
   * platform is told by a heartbeat at once, and the pharmacy's portal shows the cabin out of service.
   */
  screenFailed(reason: string): void;
  close(): Promise<void>;
}

export interface KioskServiceOptions {
  config: KioskConfig;
  version: string;
  /** True when the config's devices are simulators (the screens show a discreet notice). */
  simulated: boolean;
  /** The clock due dates are read on (main/calibration/maintenance-clock.ts); the system's by default. */
  maintenanceClock?: Clock;
}

/**
 * The composition root of the kiosk's services, shared by the Electron shell and the web host:
 * config in, handlers and events out. Each service is built here and handed its dependencies.
 */
export async function createKioskServices(options: KioskServiceOptions): Promise<KioskServices> {
  const { config } = options;
  const events = new KioskEventHub();
  // Durable records: the encrypted store, its sync to the platform, retention.
  const credential = new PlatformCredential(config.platform.credentialFile);
  // One agent for every request to the platform, trusting `platform.caFile` when set.
  const fetch = platformFetch(config.platform);
  const records = startKioskRecords(config, systemClock, credential, fetch);
  // The call: tickets for the screens' media session, heartbeats for the fleet view.
  const callTickets = kioskCallTickets(config, credential, fetch, async () =>
    callSessionFromFlow(await handlers.getFlow({})),
  );
  // The pharmacist's portal: help and emergency alerts, and what the platform confirmed of them.
  const alerts = pharmacistAlerts(config, credential, fetch);
  const technicians = startTechnicianAccess(config, records.store, credential, fetch);
  // Devices: simulators on ptys for configured `simulator`s, then the device manager.
  const devices = await startKioskDevices({
    config,
    events,
    calibration: new RegisterCalibration(records.store.register, options.maintenanceClock ?? systemClock),
    deviceLog: records.store.register,
    // Stored under the patient flow's current session (the flow is built just below).
    record: (m) => recordForCurrentSession(patientFlow.flow, records.store)(m),
  });
  // The Carte Vitale reader, started only once the flow listens to it, so that no card read goes unheard.
  const cards = createKioskCards(config, events);
  const patientFlow = startKioskFlow({
    config,
    store: records.store,
    devices: devices.manager,
    cards,
    alerts,
    events,
    platformCredential: () => credential.state(),
    maintenance: () => calibration.maintenance(),
    ...technicians.staffOptions,
  });
  cards?.start();
  // The technician's calibration wizards, writing the maintenance register.
  const calibration = calibrationService(config, patientFlow, devices.manager, records.store, events);
  const diagnostics = await startDiagnostics({
    ...{ config, manager: devices.manager, staff: patientFlow.staff, events, flow: patientFlow.flow },
    ...{ maintenance: () => calibration.maintenance(), audit: records.store.audit },
  });
  // The prescription at the cabin's printer (kiosk-config `printer`), followed until the printer says done.
  const printing = kioskPrinting(config, credential, fetch, events, () => patientFlow.flow.view().prescription);
  const appointments = kioskAppointments({ config, credential, fetch, printing, flow: patientFlow.flow });
  const parts = { devices, patientFlow, calibration, diagnostics, callTickets, records, printing, appointments };
  const handlers = kioskHandlers(options, parts);
  // Started once the handlers exist (it reads the devices and the flow).
  const heartbeat = startKioskHeartbeat(options, { ...parts, credential, handlers, fetch });
  return {
    handlers,
    events,
    store: records.store,
    devices: devices.manager,
    screenFailed: (reason) => {
      log.error(`the screens failed for good; reporting it to the platform [reason:${reason}]`);
      heartbeat.screenFailed();
    },
    close: async () => {
      cards?.close();
      [calibration, technicians, alerts, printing, patientFlow].forEach((service) => service.close());
      heartbeat.stop();
      await diagnostics.close();
      await devices.close();
      await records.close();
    },
  };
}

/** The screens' requests, each answered by the service that holds it. */
function kioskHandlers(
  options: KioskServiceOptions,
  parts: {
    devices: Awaited<ReturnType<typeof startKioskDevices>>;
    patientFlow: ReturnType<typeof startKioskFlow>;
    calibration: CalibrationService;
    diagnostics: Awaited<ReturnType<typeof startDiagnostics>>;
    callTickets: ReturnType<typeof kioskCallTickets>;
    records: { store: KioskStore };
    printing: ReturnType<typeof kioskPrinting>;
    appointments: ReturnType<typeof kioskAppointments>;
  },
): KioskHandlers {
  const { devices, patientFlow, calibration, diagnostics, callTickets } = parts;
  return {
    getInfo: () => kioskInfo(options),
    ...parts.printing.handlers,
    listDevices: () => devices.manager.list(),
    listMediaInputs: () => mediaInputsOf(options.config.devices),
    ...patientFlow.handlers,
    ...technicianHandlers(
      { ...calibration.handlers, ...diagnostics.handlers },
      patientFlow.staff,
      parts.records.store.audit,
    ),
    staffSignOut: signOutAbandoning(calibration, patientFlow.handlers.staffSignOut),
    getCallTicket: () => callTickets.getCallTicket(),
    ...parts.appointments,
  };
}

/** Signing out drops a calibration under way: nobody finishes another's check. */
function signOutAbandoning(
  calibration: CalibrationService,
  staffSignOut: KioskHandlers['staffSignOut'],
): KioskHandlers['staffSignOut'] {
  return (request) => {
    calibration.abandon();
    return staffSignOut(request);
  };
}

/** The technician's wizards: for the staff mode's technician, between two patients, on the kiosk's devices. */
function calibrationService(
  config: KioskConfig,
  patientFlow: ReturnType<typeof startKioskFlow>,
  manager: DeviceManager,
  store: KioskStore,
  events: KioskEventHub,
): CalibrationService {
  return new CalibrationService({
    kioskId: config.kioskId,
    site: config.site,
    platformUrl: config.platform.url,
    devices: config.devices,
    clock: systemClock,
    requireTechnician: () => patientFlow.staff.requireTechnician(),
    patientInSession: () => patientFlow.flow.view().sessionId !== null,
    manager,
    store,
    emit: (view) => events.emit('onCalibrationChanged', view),
    ...(config.maintenance.leakTestHoldSeconds !== undefined && {
      leakHoldSeconds: config.maintenance.leakTestHoldSeconds,
    }),
  });
}

/** What the screens ask first: who this kiosk is, its languages and timeouts. */
function kioskInfo({ config, version, simulated }: KioskServiceOptions): ReturnType<KioskHandlers['getInfo']> {
  return {
    kioskId: config.kioskId,
    version,
    defaultLanguage: config.languages.default,
    languages: config.languages.available,
    simulated,
    idleTimeoutSeconds: config.timeouts.idleWarningSeconds,
  };
}

/** Call tickets for the kiosk's site (its territory routes the patient), signed with its credential. */
function kioskCallTickets(
  config: KioskConfig,
  credential: PlatformCredential,
  fetch: ReturnType<typeof platformFetch>,
  currentSession: Parameters<typeof createCallTicketService>[0]['currentSession'],
) {
  return createCallTicketService({
    platformUrl: config.platform.url,
    kioskId: config.kioskId,
    territory: config.site.territory,
    credential: () => credential.require(),
    onRefused: (code) => credential.refused(code),
    currentSession,
    fetch,
  });
}

/** The help and emergency alerts to the pharmacist's portal, sent with the kiosk's credential. */
function pharmacistAlerts(
  config: KioskConfig,
  credential: PlatformCredential,
  fetch: ReturnType<typeof platformFetch>,
) {
  return new PharmacistAlerts({
    client: alertClient({ platformUrl: config.platform.url, credential: () => credential.require(), fetch }),
    onRefused: (code) => credential.refused(code),
  });
}

import { randomUUID } from 'node:crypto';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { KioskHandlers } from '../../common/ipc/contract';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { KioskConfig } from '../../kiosk-config/schema';
import type { KioskEventHub } from '../ipc/event-hub';
import type { SessionStore } from '../session/session-store';
import { StaffService, type StaffServiceOptions } from '../staff/staff-service';
import type { StaffOverview } from '../../common/staff/staff';
import { flowDelaysFromConfig } from './delays';
import { FlowService } from './flow-service';
import type { FlowAlertsPort, FlowCardEvents, FlowCardReader, FlowDeviceEvents, FlowDevicesPort } from './ports';

const log = createLogger('kiosk:main:kiosk-flow');

type FlowHandlers = Pick<
  KioskHandlers,
  'getFlow' | 'flowSend' | 'staffSignIn' | 'staffSignOut' | 'confirmHygiene' | 'answerHelp' | 'getStaffOverview'
>;

export interface KioskFlowOptions {
  config: KioskConfig;
  store: SessionStore;
  /** The DeviceManager: measurements, their events and the status list. */
  devices: FlowDevicesPort & FlowDeviceEvents & { list(): DeviceStatus[] };
  /** The card service, or null until it is wired. */
  cards: (FlowCardEvents & FlowCardReader) | null;
  /** The pharmacist alerts (main/alerts); absent, the screens say nobody could be told. */
  alerts?: FlowAlertsPort;
  events: KioskEventHub;
  clock?: Clock;
  /** The platform credential's state for the staff overview (PlatformCredential.state). */
  platformCredential?: () => StaffOverview['platformCredential'];
  /** The devices' calibrations for the staff overview (CalibrationService.maintenance). */
  maintenance?: () => StaffOverview['maintenance'];
  /** The technicians' own accounts and where their sign-outs are audited (main/staff/technician-sign-in.ts). */
  technicians?: StaffServiceOptions['technicians'];
  audit?: StaffServiceOptions['audit'];
}

/**
 * The patient flow and the staff mode for the kiosk's composition root: builds both, pushes every
 * flow view to the screens (onFlowChanged) and returns their handlers.
 */
export function startKioskFlow(options: KioskFlowOptions): {
  flow: FlowService;
  staff: StaffService;
  handlers: FlowHandlers;
  close(): void;
} {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const flow = new FlowService({
    ports: {
      store: options.store,
      devices: options.devices,
      ...(options.cards ? { cards: options.cards } : {}),
      ...(options.alerts ? { alerts: options.alerts } : {}),
      clock,
      ids: { next: () => randomUUID() },
      kioskId: config.kioskId,
    },
    delays: flowDelaysFromConfig(config),
    consentTextVersion: config.flow.consentTextVersion,
    hygieneDueAtStart: config.flow.hygieneCheckAtStart,
    deviceEvents: options.devices,
    cardEvents: options.cards,
  });
  const staff = new StaffService({
    pinHashes: config.pinHashes,
    clock,
    flow,
    devices: () => options.devices.list(),
    ...(options.platformCredential && { platformCredential: options.platformCredential }),
    ...(options.maintenance && { maintenance: options.maintenance }),
    ...(options.technicians && { technicians: options.technicians }),
    ...(options.audit && { audit: options.audit }),
  });
  const stopPushing = flow.onChange((view) => {
    try {
      options.events.emit('onFlowChanged', view);
    } catch (error) {
      // A view that fails the contract is a flow bug: named in the log, the kiosk keeps running.
      log.error(
        `flow view for ${view.step} rejected by the contract: ${error instanceof Error ? error.name : 'unknown'}`,
      );
    }
  });
  const handlers = flowHandlers(flow, staff);
  return {
    flow,
    staff,
    handlers,
    close: () => {
      stopPushing();
      flow.stop();
    },
  };
}

/** The screens' flow and staff requests, answered by the two services. */
function flowHandlers(flow: FlowService, staff: StaffService): FlowHandlers {
  return {
    getFlow: () => flow.view(),
    flowSend: (intention) => flow.send(intention),
    staffSignIn: ({ role, pin }) => staff.signIn(role, pin),
    staffSignOut: () => {
      staff.signOut();
      return { ok: true };
    },
    confirmHygiene: ({ items }) => {
      staff.confirmHygiene(items);
      return { hygieneDue: flow.hygieneDue() };
    },
    answerHelp: () => {
      staff.answerHelp();
      return { ok: true };
    },
    getStaffOverview: () => staff.overview(),
  };
}

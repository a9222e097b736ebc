import type { KioskHandlers } from '../common/ipc/contract';
import type { KioskConfig } from '../kiosk-config/schema';
import { HandlerError } from './ipc/dispatch';
import { KioskEventHub } from './ipc/event-hub';

export interface KioskServices {
  readonly handlers: KioskHandlers;
  readonly events: KioskEventHub;
  close(): Promise<void>;
}

export interface KioskServiceOptions {
  config: KioskConfig;
  version: string;
  /** True when the config's devices are simulators (the screens show a discreet notice). */
  simulated: boolean;
}

/**
 * The composition root of the kiosk's services, shared by the Electron shell and the web host:
 * config in, handlers and events out. Each service is built here and handed its dependencies.
 */
export async function createKioskServices(options: KioskServiceOptions): Promise<KioskServices> {
  const { config } = options;
  const events = new KioskEventHub();
  const handlers: KioskHandlers = {
    getInfo: () => ({
      kioskId: config.kioskId,
      version: options.version,
      defaultLanguage: config.languages.default,
      languages: config.languages.available,
      simulated: options.simulated,
      idleTimeoutSeconds: config.timeouts.idleWarningSeconds,
    }),
    listDevices: () => [],
    // Wired by the flow and call services as they land (issues 6 and 7).
    getFlow: () => {
      throw new HandlerError('unavailable', 'the patient flow is not wired yet');
    },
    flowSend: () => {
      throw new HandlerError('unavailable', 'the patient flow is not wired yet');
    },
    getCallTicket: () => {
      throw new HandlerError('unavailable', 'the call service is not wired yet');
    },
  };
  return {
    handlers,
    events,
    close: async () => {},
  };
}

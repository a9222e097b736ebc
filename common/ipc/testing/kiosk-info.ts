import type { KioskInfo } from '../contract';

/** The kiosk's description as tests of the API's transports (IPC, web host, dispatch) expect it back. */
export const TEST_INFO: KioskInfo = {
  kioskId: 'test-kiosk',
  version: '0.0.0-test',
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  simulated: true,
  idleTimeoutSeconds: 60,
};

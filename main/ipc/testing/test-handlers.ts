import type { KioskHandlers, KioskInfo } from '../../../common/ipc/contract';
import { INVOKE_NAMES } from '../../../common/ipc/contract';
import { HandlerError } from '../dispatch';

export const TEST_INFO: KioskInfo = {
  kioskId: 'test-kiosk',
  version: '0.0.0-test',
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  simulated: true,
  idleTimeoutSeconds: 60,
};

/**
 * A complete handler table for tests of the transport layers (dispatch, Electron IPC, web host):
 * the given handlers, and every other entry refusing with 'unavailable', so a test that reaches an
 * entry it did not mean to fails by name.
 */
export function testHandlers(overrides: Partial<KioskHandlers> = {}): KioskHandlers {
  const refuse = Object.fromEntries(
    INVOKE_NAMES.map((name) => [
      name,
      () => {
        throw new HandlerError('unavailable', `${name} is not part of this test`);
      },
    ]),
  );
  return { ...refuse, getInfo: () => TEST_INFO, listDevices: () => [], ...overrides } as KioskHandlers;
}

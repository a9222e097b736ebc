import type { KioskHandlers } from '../../../common/ipc/contract';
import { TEST_INFO } from '../../../common/ipc/testing/kiosk-info';
import { INVOKE_NAMES } from '../../../common/ipc/contract';
import { HandlerError } from '../dispatch';

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

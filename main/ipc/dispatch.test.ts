import { describe, expect, it } from 'vitest';
import { TEST_INFO } from '../../common/ipc/testing/kiosk-info';
import type { KioskHandlers } from '../../common/ipc/contract';
import { HandlerError, createDispatcher } from './dispatch';
import { testHandlers } from './testing/test-handlers';

function handlers(overrides: Partial<KioskHandlers> = {}): KioskHandlers {
  return testHandlers(overrides);
}

describe('dispatcher', () => {
  it('answers a valid request with an ok envelope', async () => {
    expect(await createDispatcher(handlers())('kiosk:get-info', {})).toEqual({ ok: true, value: TEST_INFO });
  });

  it('refuses an unknown channel', async () => {
    const envelope = await createDispatcher(handlers())('db:run-sql', { sql: 'drop table x' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses a payload that breaks the schema, before the handler runs', async () => {
    let called = false;
    const dispatch = createDispatcher(handlers({ getInfo: () => ((called = true), TEST_INFO) }));
    const envelope = await dispatch('kiosk:get-info', { extra: 'field' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(called).toBe(false);
  });

  it('turns a handler failure into an error envelope with its code', async () => {
    const dispatch = createDispatcher(
      handlers({
        listDevices: () => {
          throw new HandlerError('device-manager-down', 'Device manager not running');
        },
      }),
    );
    expect(await dispatch('device:list', {})).toEqual({
      ok: false,
      error: { code: 'device-manager-down', message: 'Device manager not running' },
    });
  });
});

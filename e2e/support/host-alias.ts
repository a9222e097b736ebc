import type { LookupFunction } from 'node:net';

/**
 * A public name for a platform these tests run on loopback: a production start (`--serve`) refuses
 * a loopback public URL (kiosks elsewhere could never reach it), so the tests give it a real-looking
 * name and point that name, in their own clients only, at 127.0.0.1 — Chromium through
 * `--host-resolver-rules`, Node's sockets (undici, ws) through their `lookup` option. Nothing of
 * the platform's own checks is relaxed. (`.test` is reserved by RFC 2606: no real host has it.)
 */
export const PLATFORM_TEST_HOST = 'platform.kiosk.test';

/** Chromium's flag resolving PLATFORM_TEST_HOST to loopback, every other name as usual. */
export const HOST_ALIAS_CHROMIUM_ARG = `--host-resolver-rules=MAP ${PLATFORM_TEST_HOST} 127.0.0.1`;

/**
 * For `net`/`tls` connect options (undici's `connect`, ws's options): PLATFORM_TEST_HOST answers
 * 127.0.0.1, any other name is an error (these tests reach nothing else by name).
 */
export const hostAliasLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname !== PLATFORM_TEST_HOST) {
    callback(Object.assign(new Error(`${hostname}: not resolved in this test`), { code: 'ENOTFOUND' }), '', 4);
    return;
  }
  // Node asks for every address (autoSelectFamily) or for one.
  if (options.all)
    (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  else callback(null, '127.0.0.1', 4);
};

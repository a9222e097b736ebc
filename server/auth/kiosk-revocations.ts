import type { KioskRevocationStore } from './auth-stores';

/**
 * Per kiosk, the time up to which its credentials are revoked: the platform's store
 * (auth-stores.ts: the records' SQLite file or PostgreSQL), read at every kiosk-authenticated
 * request (one indexed read), so an admin command's revocation counts at once on every node.
 */
export type KioskRevocations = KioskRevocationStore;

/** In memory, for a credential check with no store (tests of the credential format). */
export function memoryRevocations(): KioskRevocations {
  const revoked = new Map<string, number>();
  return {
    revokedBefore: async (kioskId) => revoked.get(kioskId) ?? null,
    all: async () => new Map(revoked),
    revoke: async (kioskId, at) => {
      revoked.set(kioskId, Math.max(at, revoked.get(kioskId) ?? at));
    },
  };
}

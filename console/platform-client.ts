import { DoctorMethods, PlatformToDoctor, SIGNALING_PATH, type DoctorEvent } from '../common/signaling/messages';
import type { SocketLike } from '../common/net/socket-connection';
import { SignalingClient } from '../common/signaling/signaling-client';

/** The console's signalling client type. */
export type DoctorClient = SignalingClient<typeof DoctorMethods, DoctorEvent>;

/** Key under which the session token is kept (sessionStorage: gone when the tab closes). */
export const SESSION_KEY = 'doctor-console.session';

/** The signalling URL of the platform serving this page (ws: or wss: like the page). */
export function signalingUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${SIGNALING_PATH}`;
}

/** A signalling client to the platform; `opened` resolves once its socket is open. */
export function doctorClient(url: string, createSocket?: (url: string) => SocketLike): DoctorClient {
  return new SignalingClient({
    url,
    methods: DoctorMethods,
    incoming: PlatformToDoctor,
    ...(createSocket ? { createSocket } : {}),
  });
}

export interface StoredSession {
  token: string;
  expiresAt: string;
}

/** The doctor's session token as an HTTP header, for the record's routes; none when signed out. */
export function bearerHeader(storage: Storage): Record<string, string> {
  const token = loadSession(storage, Date.now())?.token;
  return token ? { authorization: `Bearer ${token}` } : {};
}

export function loadSession(storage: Storage, now: number): StoredSession | null {
  try {
    const value = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null') as StoredSession | null;
    if (!value || typeof value.token !== 'string' || Date.parse(value.expiresAt) <= now) return null;
    return value;
  } catch {
    return null;
  }
}

import { useEffect, useRef, useState } from 'react';
import { Reconnector } from '../common/net/reconnector';
import type { SocketLike } from '../common/net/socket-connection';
import type { DoctorEvent } from '../common/signaling/messages';
import type { BackoffPolicy } from '../common/util/backoff';
import { doctorClient, type DoctorClient } from './platform-client';

/** Reconnecting the signalling socket after it dropped; jitter spreads the doctors after a platform restart. */
const RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 10_000, jitter: 0.5 };

export interface ReconnectingClientOptions {
  url: string;
  /** Socket factory (tests pass a fake platform); defaults to the browser's WebSocket. */
  createSocket?: ((url: string) => SocketLike) | undefined;
  /** Runs on each new socket before it is handed out (resumes the session); must not throw. */
  onOpen(client: DoctorClient): Promise<void>;
  onEvent(event: DoctorEvent): void;
  /** The platform could not be reached; a new attempt follows. */
  onUnreachable(): void;
}

export interface ReconnectingClient {
  /** The open client; null while there is no open socket. */
  client: DoctorClient | null;
  /**
   * The client once one is open, waiting at most `waitMs` for a reconnection (the platform closes
   * a socket that stays unauthenticated for 10 s, so one on the sign-in screen comes and goes); null
   * when none opened in time.
   */
  nextClient(waitMs: number): Promise<DoctorClient | null>;
}

/** One signalling socket at a time, kept up by the shared Reconnector. */
export function useReconnectingClient(options: ReconnectingClientOptions): ReconnectingClient {
  const { url, createSocket } = options;
  const [client, setClient] = useState<DoctorClient | null>(null);
  const reconnector = useRef<Reconnector<DoctorClient> | null>(null);
  // The callbacks are read when they are needed, so a new render does not reconnect.
  const callbacks = useRef(options);
  callbacks.current = options;

  useEffect(() => {
    const platform = new Reconnector({
      connect: () => doctorClient(url, createSocket),
      onOpen: async (c) => {
        c.on((event) => callbacks.current.onEvent(event));
        await callbacks.current.onOpen(c);
        setClient(c);
      },
      onLost: ({ wasOpen }) => {
        setClient(null);
        if (!wasOpen) callbacks.current.onUnreachable();
      },
      backoff: RECONNECT_BACKOFF,
    });
    reconnector.current = platform;
    platform.start();
    return () => platform.stop();
  }, [url, createSocket]);

  const nextClient = (waitMs: number) => {
    const platform = reconnector.current;
    if (client || !platform) return Promise.resolve(client);
    return new Promise<DoctorClient | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), waitMs);
      platform.whenReady().then(
        (ready) => {
          clearTimeout(timer);
          resolve(ready);
        },
        () => resolve(null),
      );
    });
  };
  return { client, nextClient };
}

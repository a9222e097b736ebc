import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { SocketLike } from '../../common/net/socket-connection';
import { SignalingClient } from '../../common/signaling/signaling-client';
import {
  DoctorMethods,
  KioskMethods,
  PlatformToDoctor,
  PlatformToKiosk,
  SIGNALING_PATH,
  type DoctorEvent,
  type KioskEvent,
} from '../../common/signaling/messages';
import { DEV_DOCTOR } from '../auth/doctor-accounts';
import type { Platform } from '../platform';

export type KioskClient = SignalingClient<KioskMethods, KioskEvent> & { events: EventLog<KioskEvent> };
export type DoctorClient = SignalingClient<DoctorMethods, DoctorEvent> & { events: EventLog<DoctorEvent> };

/** Every event a test client received, with a way to wait for the next matching one. */
export class EventLog<E extends { type: string }> {
  readonly all: E[] = [];
  private waiters: { match: (e: E) => boolean; resolve: (e: E) => void }[] = [];

  push(event: E) {
    this.all.push(event);
    this.waiters = this.waiters.filter((w) => (w.match(event) ? (w.resolve(event), false) : true));
  }

  /** Resolves with the first event (already received from index `from`, or coming) of that type. */
  next<T extends E['type']>(
    type: T,
    where: (e: Extract<E, { type: T }>) => boolean = () => true,
    from = 0,
  ): Promise<Extract<E, { type: T }>> {
    const match = (e: E) => e.type === type && where(e as Extract<E, { type: T }>);
    const seen = this.all.slice(from).find(match);
    if (seen) return Promise.resolve(seen as Extract<E, { type: T }>);
    return new Promise((resolve) => this.waiters.push({ match, resolve: resolve as (e: E) => void }));
  }

  /** Waits for an event that arrives after now. */
  upcoming<T extends E['type']>(type: T, where?: (e: Extract<E, { type: T }>) => boolean) {
    return this.next(type, where, this.all.length);
  }
}

const socket = (url: string) => new WebSocket(url) as unknown as SocketLike;

export function wsUrl(platform: Platform): string {
  return `${platform.url.replace(/^http/, 'ws')}${SIGNALING_PATH}`;
}

export async function connectKiosk(platform: Platform): Promise<KioskClient> {
  const client = new SignalingClient({
    url: wsUrl(platform),
    methods: KioskMethods,
    incoming: PlatformToKiosk,
    createSocket: socket,
  }) as KioskClient;
  client.events = new EventLog<KioskEvent>();
  client.on((e) => client.events.push(e));
  await client.opened;
  return client;
}

export async function connectDoctor(
  platform: Platform,
  account: { email: string; password: string } | null = DEV_DOCTOR,
): Promise<DoctorClient> {
  const client = new SignalingClient({
    url: wsUrl(platform),
    methods: DoctorMethods,
    incoming: PlatformToDoctor,
    createSocket: socket,
  }) as DoctorClient;
  client.events = new EventLog<DoctorEvent>();
  client.on((e) => client.events.push(e));
  await client.opened;
  if (account) await client.request('sign-in', { email: account.email, password: account.password });
  return client;
}

/** A call ticket for a new session of a kiosk, through the HTTP API like the kiosk's main does. */
export async function ticketFor(platform: Platform, kioskId: string, sessionId: string = randomUUID()) {
  const credential = platform.kioskCredentials.issue(kioskId);
  const res = await fetch(`${platform.url}/api/call-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId }),
  });
  if (!res.ok) throw new Error(`call ticket: ${res.status}`);
  const grant = (await res.json()) as { token: string; signalingUrl: string };
  return { ...grant, sessionId, credential };
}

export const QUEUE_ENTRY = { ageYears: 42, specialty: 'general-practice', territory: '75', reason: 'Toux' } as const;

/** A kiosk socket that joined the queue with a new ticket. */
export async function joinQueue(platform: Platform, kioskId: string, sessionId?: string) {
  const ticket = await ticketFor(platform, kioskId, sessionId);
  const kiosk = await connectKiosk(platform);
  const joined = await kiosk.request('join-queue', {
    token: ticket.token,
    sessionId: ticket.sessionId,
    queueEntry: QUEUE_ENTRY,
    identity: null,
    devices: [],
  });
  return { kiosk, joined, ticket };
}

/** Minimal RTP parameters a mediasoup transport accepts without a browser (as mediasoup's own tests do). */
export const OPUS_RTP = {
  mid: '0',
  codecs: [
    { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] },
  ],
  headerExtensions: [],
  encodings: [{ ssrc: 11111111 }],
  rtcp: { cname: 'kiosk' },
};

/** The kiosk's media: a send transport with one (synthetic) audio producer. */
export async function produceAudio(client: KioskClient) {
  await client.request('get-router-capabilities', {});
  const send = await client.request('create-transport', { direction: 'send' });
  const { producerId } = await client.request('produce', {
    transportId: send.transportId,
    kind: 'audio',
    rtpParameters: OPUS_RTP,
    source: 'microphone',
  });
  return { send, producerId };
}

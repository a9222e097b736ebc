import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';

/** How far a message's timestamp may be from the receiver's clock (either way) before it is refused. */
export const BUS_MAX_AGE_MS = 30_000;

/** One cross-node message as it travels: who sent it, when, on which topic, and its HMAC. */
export interface BusEnvelope {
  v: 1;
  /** A fresh id per message: a replay within the age window is refused by it. */
  id: string;
  node: string;
  topic: string;
  /** ms since the epoch on the sender's clock. */
  at: number;
  /**
   * The payload, AES-256-GCM under the bus key (base64 of iv, tag, ciphertext): relayed signalling
   * carries patient data (a join's identity), never in clear on the network or in Redis.
   */
  box: string;
  sig: string;
}

/** An envelope opened: its header and its decrypted payload. */
export type OpenedEnvelope = Omit<BusEnvelope, 'box' | 'sig'> & { payload: unknown };

function encryptionKey(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'platform cross-node bus payload v1', 32));
}

function seal(key: Buffer, payload: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(key), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(key: Buffer, box: string): unknown {
  const raw = Buffer.from(box, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(key), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
}

/**
 * The bus key: HKDF from the platform's data key (the same on every node, since they share the
 * database) or from PLATFORM_BUS_SECRET; a message signed with anything else is refused.
 */
export function busKeyFrom(secret: Buffer): Buffer {
  if (secret.length < 32) throw new Error('the cross-node bus key needs a secret of at least 32 bytes');
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'platform cross-node bus v1', 32));
}

function mac(key: Buffer, e: Omit<BusEnvelope, 'sig'>): string {
  // A fixed field order: the MAC covers exactly what the receiver reads.
  const signed = JSON.stringify([e.v, e.id, e.node, e.topic, e.at, e.box]);
  return createHmac('sha256', key).update(signed).digest('base64');
}

export function sealEnvelope(key: Buffer, node: string, topic: string, payload: unknown, at: number): string {
  const body = { v: 1 as const, id: randomUUID(), node, topic, at, box: seal(key, payload) };
  return JSON.stringify({ ...body, sig: mac(key, body) });
}

/** Why a message was refused: never its payload (it may carry patient data). */
export type Refusal = 'unparsable' | 'forged' | 'stale' | 'replayed';

export type Opened =
  { ok: true; envelope: OpenedEnvelope } | { ok: false; refusal: Refusal; node: string; topic: string };

/**
 * Checks a message: parsable, its MAC right under the bus key, its timestamp within BUS_MAX_AGE_MS
 * of `now`, its id not seen in that window (`seen` is the receiver's memory of ids).
 */
export function openEnvelope(key: Buffer, raw: string, now: number, seen: Map<string, number>): Opened {
  let e: BusEnvelope;
  try {
    e = JSON.parse(raw) as BusEnvelope;
  } catch {
    return { ok: false, refusal: 'unparsable', node: '?', topic: '?' };
  }
  const node = typeof e?.node === 'string' ? e.node.slice(0, 64) : '?';
  const topic = typeof e?.topic === 'string' ? e.topic.slice(0, 64) : '?';
  if (
    e?.v !== 1 ||
    typeof e.sig !== 'string' ||
    typeof e.at !== 'number' ||
    typeof e.id !== 'string' ||
    typeof e.box !== 'string'
  )
    return { ok: false, refusal: 'unparsable', node, topic };
  const expected = Buffer.from(mac(key, e));
  const given = Buffer.from(e.sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, refusal: 'forged', node, topic };
  if (Math.abs(now - e.at) > BUS_MAX_AGE_MS) return { ok: false, refusal: 'stale', node, topic };
  if (seen.has(e.id)) return { ok: false, refusal: 'replayed', node, topic };
  for (const [id, at] of seen) if (now - at > 2 * BUS_MAX_AGE_MS) seen.delete(id);
  seen.set(e.id, now);
  let payload: unknown;
  try {
    payload = unseal(key, e.box);
  } catch {
    return { ok: false, refusal: 'forged', node, topic };
  }
  return { ok: true, envelope: { v: e.v, id: e.id, node: e.node, topic: e.topic, at: e.at, payload } };
}

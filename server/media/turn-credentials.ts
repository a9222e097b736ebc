import { createHmac } from 'node:crypto';
import type { IceServer, IceServerError } from '../../common/signaling/messages';

/** The environment variables read by turnConfigFromEnv. */
export const TURN_ENV = { urls: 'TURN_URLS', secret: 'TURN_SECRET', ttl: 'TURN_TTL_SECONDS' } as const;

/** A credential outlives a consultation's ICE restarts and rejoins, but never an hour. */
export const MAX_TURN_TTL_SECONDS = 3600;
/** Shorter secrets can be guessed offline from one credential (HMAC-SHA1 of a known username). */
const MIN_SECRET_LENGTH = 16;
/** turn: or turns:, a host (name, IPv4 or [IPv6]), an optional port, an optional ?transport=udp|tcp. */
const TURN_URL = /^turns?:(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?(\?transport=(udp|tcp))?$/i;

export interface TurnConfig {
  urls: string[];
  secret: string;
  ttlSeconds: number;
}

/**
 * Reads TURN_URLS (comma-separated turn:/turns: URLs), TURN_SECRET (coturn's static-auth-secret)
 * and TURN_TTL_SECONDS (default and maximum 3600). Neither URLs nor secret: no TURN (null). One
 * without the other, or any bad value: throws one error with a line per wrong value.
 */
export function turnConfigFromEnv(env: NodeJS.ProcessEnv): TurnConfig | null {
  const urlsText = env[TURN_ENV.urls]?.trim() ?? '';
  const secret = env[TURN_ENV.secret] ?? '';
  if (!urlsText && !secret) return null;
  const errors: string[] = [];
  const urls = urlsText
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length === 0) errors.push(`${TURN_ENV.urls}: required with ${TURN_ENV.secret} (turn: or turns: URLs)`);
  for (const url of urls)
    if (!TURN_URL.test(url))
      errors.push(`${TURN_ENV.urls}: "${url}" is not a TURN URL (turn[s]:<host>[:<port>][?transport=udp|tcp])`);
  if (!secret) errors.push(`${TURN_ENV.secret}: required with ${TURN_ENV.urls} (coturn's static-auth-secret)`);
  else if (secret.length < MIN_SECRET_LENGTH)
    errors.push(`${TURN_ENV.secret}: at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}`);
  const ttlText = env[TURN_ENV.ttl];
  const ttlSeconds = ttlText === undefined || ttlText === '' ? MAX_TURN_TTL_SECONDS : Number(ttlText);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > MAX_TURN_TTL_SECONDS)
    errors.push(`${TURN_ENV.ttl}: expected whole seconds from 60 to ${MAX_TURN_TTL_SECONDS}, got "${ttlText}"`);
  if (errors.length > 0) throw new Error(`TURN configuration:\n  ${errors.join('\n  ')}`);
  return { urls, secret, ttlSeconds };
}

/**
 * coturn's `use-auth-secret` credentials (the TURN REST API): username `<expiry unix seconds>:<id>`,
 * password base64(HMAC-SHA1(secret, username)). coturn recomputes the password from the username
 * and refuses it once the expiry has passed, so nothing is stored and a leaked one dies by itself.
 * `id` says whom it was minted for in coturn's log: never anything about the patient.
 */
export function mintTurnCredential(config: TurnConfig, id: string, nowMs = Date.now()): IceServer {
  const expiry = Math.floor(nowMs / 1000) + config.ttlSeconds;
  const username = `${expiry}:${id}`;
  const credential = createHmac('sha1', config.secret).update(username).digest('base64');
  return { urls: config.urls, username, credential };
}

/** The iceServers to hand a peer for one transport: a fresh TURN credential, or none without TURN. */
export function iceServersFor(config: TurnConfig | null, id: string, nowMs = Date.now()): IceServer[] {
  return config ? [mintTurnCredential(config, id, nowMs)] : [];
}

/**
 * What a TURN failure a client reported means and what to do about it, for the platform's log
 * (the operator can act on it; the kiosk's screen only says the service is unreachable).
 */
export function explainIceServerError({ url, code, text }: IceServerError): string {
  const said = `${code}${text ? ` ${text}` : ''}`;
  if (code === 401)
    return `TURN ${url} refused the credential (${said}): ${TURN_ENV.secret} is not coturn's static-auth-secret, or the clocks differ by more than the credential's lifetime`;
  if (code === 701)
    return `TURN ${url} could not be reached from the client (${said}): check ${TURN_ENV.urls}, that coturn runs, and that the site's firewall lets this port through`;
  return `TURN ${url} failed (${said})`;
}

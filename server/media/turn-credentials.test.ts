import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { explainIceServerError, iceServersFor, mintTurnCredential, turnConfigFromEnv } from './turn-credentials';

const SECRET = 'a-shared-secret-of-coturn';
const errorOf = (env: Record<string, string>) => {
  try {
    turnConfigFromEnv(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('TURN configuration', () => {
  it('is off without TURN_URLS and TURN_SECRET', () => {
    expect(turnConfigFromEnv({})).toBeNull();
    expect(iceServersFor(null, 'c1-kiosk')).toEqual([]);
  });

  it('reads the URLs, the secret and a TTL of at most one hour', () => {
    expect(
      turnConfigFromEnv({
        TURN_URLS: 'turns:turn.example.org:443?transport=tcp, turn:203.0.113.9:3478',
        TURN_SECRET: SECRET,
      }),
    ).toEqual({
      urls: ['turns:turn.example.org:443?transport=tcp', 'turn:203.0.113.9:3478'],
      secret: SECRET,
      ttlSeconds: 3600,
    });
    expect(
      turnConfigFromEnv({ TURN_URLS: 'turn:[2001:db8::1]:3478', TURN_SECRET: SECRET, TURN_TTL_SECONDS: '600' }),
    ).toMatchObject({ ttlSeconds: 600 });
  });

  it('names each wrong value', () => {
    expect(errorOf({ TURN_URLS: 'turns:turn.example.org:443' })).toContain('TURN_SECRET: required with TURN_URLS');
    expect(errorOf({ TURN_SECRET: SECRET })).toContain('TURN_URLS: required with TURN_SECRET');
    const message = errorOf({
      TURN_URLS: 'https://turn.example.org, stun:x',
      TURN_SECRET: 'short',
      TURN_TTL_SECONDS: '7200',
    });
    expect(message).toContain('TURN_URLS: "https://turn.example.org" is not a TURN URL');
    expect(message).toContain('TURN_URLS: "stun:x" is not a TURN URL');
    expect(message).toContain('TURN_SECRET: at least 16 characters, got 5');
    expect(message).toContain('TURN_TTL_SECONDS: expected whole seconds from 60 to 3600, got "7200"');
  });
});

describe('TURN credentials (coturn use-auth-secret)', () => {
  it('is <expiry>:<id> with the base64 HMAC-SHA1 of that username under the shared secret', () => {
    const config = { urls: ['turns:turn.example.org:443'], secret: SECRET, ttlSeconds: 600 };
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    const server = mintTurnCredential(config, 'consultation-1-kiosk', now);
    expect(server.username).toBe(`${now / 1000 + 600}:consultation-1-kiosk`);
    // The reference: coturn's documented computation, done independently here.
    expect(server.credential).toBe(createHmac('sha1', SECRET).update(server.username).digest('base64'));
    expect(server.urls).toEqual(['turns:turn.example.org:443']);
    // Another secret, another password: a platform with the wrong secret is refused by coturn.
    expect(mintTurnCredential({ ...config, secret: `${SECRET}x` }, 'consultation-1-kiosk', now).credential).not.toBe(
      server.credential,
    );
  });
});

describe('a TURN failure reported by a client', () => {
  it('is explained for the operator: a refused credential points at TURN_SECRET, an unreachable server at the address and firewall', () => {
    expect(explainIceServerError({ url: 'turns:t.example:443', code: 401, text: 'Unauthorized' })).toMatch(
      /^TURN turns:t\.example:443 refused the credential \(401 Unauthorized\): TURN_SECRET is not coturn's static-auth-secret/,
    );
    expect(explainIceServerError({ url: 'turn:t.example:3478', code: 701, text: '' })).toMatch(
      /could not be reached from the client \(701\): check TURN_URLS, that coturn runs, and that the site's firewall/,
    );
    expect(explainIceServerError({ url: 'turn:t.example', code: 500, text: 'Server Error' })).toBe(
      'TURN turn:t.example failed (500 Server Error)',
    );
  });
});

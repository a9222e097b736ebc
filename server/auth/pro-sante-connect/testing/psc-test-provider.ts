import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Provider, { type Adapter, type AdapterPayload, type Configuration } from 'oidc-provider';
import type { TlsFiles } from '../../../../http/tls-files';
import type { PscSettings } from '../psc-config';

/** A practitioner of the test provider: the national identifier PSC gives (`8` + RPPS) and names. */
export interface TestPractitioner {
  idNat: string;
  givenName: string;
  familyName: string;
}

/** The dev doctor of the README (RPPS 10000000001) as Pro Santé Connect would name her. */
export const TEST_PRACTITIONER: TestPractitioner = { idNat: '810000000001', givenName: 'CLAIRE', familyName: 'MARTIN' };

/** What the test does to the ID token the token endpoint hands out (the refusals' tests). */
export type IdTokenTamper =
  /** Claims changed, then signed again with the provider's own key: only the claim check can fail. */
  | { kind: 'claims'; change(claims: Record<string, unknown>): void }
  /** The same claims signed by a key the provider never published (the signature check fails). */
  | { kind: 'foreign-key' };

export interface PscTestProvider {
  readonly issuer: string;
  /** The platform's relying-party settings for this provider. */
  readonly settings: PscSettings;
  /** Registers the platform's callback URL (known once the platform listens); the provider answers from then on. */
  registerRedirect(uri: string): void;
  /** Who the next sign-ins log in (as if their CPS card were in the reader), or `cancel`: the doctor gives up at the provider. */
  signInAs(practitioner: TestPractitioner | 'cancel'): void;
  tamperIdToken(tamper: IdTokenTamper | null): void;
  close(): Promise<void>;
}

const CLIENT = { clientId: 'kiosk-platform-test', clientSecret: 'test-client-secret-0123456789abcdef' };

/**
 * A local OpenID provider (oidc-provider) shaped like Pro Santé Connect for tests: the `scope_all`
 * scope with PSC's UserInfo claims (SubjectNameID, SubjectRefPro, otherIds…), `acr` eidas1, client
 * authentication by secret, PKCE. Its login interaction signs the chosen practitioner in without
 * a form (there is no CPS card here); consent is taken as given. Listens on loopback, http or, with
 * `tls`, https.
 */
export async function startPscTestProvider(options: { tls?: TlsFiles } = {}): Promise<PscTestProvider> {
  const server: Server = options.tls
    ? createHttpsServer({ cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) })
    : createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  let practitioner: TestPractitioner | 'cancel' = TEST_PRACTITIONER;
  // Who signed in, by `sub`, for the claims the provider asks for later (token, UserInfo).
  const signedIn = new Map<string, TestPractitioner>();
  let tamper: IdTokenTamper | null = null;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;

  server.on('request', (req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503).end('the test provider has no registered client yet');
  });

  return {
    issuer,
    settings: { issuer, ...CLIENT },
    registerRedirect(uri) {
      const provider = new Provider(
        issuer,
        providerConfiguration(uri, privateKey, (sub) => signedIn.get(sub)),
      );
      provider.use(async (ctx, next) => {
        await next();
        const body = ctx.body as { id_token?: string } | undefined;
        if (tamper && ctx.path === '/token' && typeof body?.id_token === 'string')
          ctx.body = { ...body, id_token: tampered(body.id_token, tamper, privateKey, foreignKey) };
      });
      const callback = provider.callback();
      handler = (req, res) => {
        if (/^\/interaction\/[^/?]+/.test(req.url ?? '')) {
          if (practitioner !== 'cancel') signedIn.set(subOf(practitioner), practitioner);
          void logIn(provider, req, res, practitioner === 'cancel' ? null : subOf(practitioner));
        } else void callback(req, res);
      };
    },
    signInAs: (next) => (practitioner = next),
    tamperIdToken: (next) => (tamper = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function providerConfiguration(
  redirectUri: string,
  key: KeyObject,
  practitionerOf: (sub: string) => TestPractitioner | undefined,
): Configuration {
  return {
    clients: [
      {
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...key.export({ format: 'jwk' }), kid: 'psc-test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['psc-test-provider-cookie-key'] },
    scopes: ['openid', 'scope_all'],
    claims: {
      openid: ['sub'],
      scope_all: ['SubjectNameID', 'SubjectRefPro', 'otherIds', 'preferred_username', 'given_name', 'family_name'],
    },
    acrValues: ['eidas1'],
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Consent is not PSC's to ask for the platform's own scope: every sign-in gets the grant.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid scope_all');
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, sub) => {
      const practitioner = practitionerOf(sub);
      return practitioner && { accountId: sub, claims: () => practitionerClaims(sub, practitioner) };
    },
    adapter: MemoryAdapter,
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
  };
}

/** PSC's `sub` is a technical id ending with the national identifier (e.g. `f:<uuid>:899700366240`). */
const subOf = (p: TestPractitioner) => `f:test:${p.idNat}`;

/** The UserInfo of PSC's `scope_all`, as in the ANS's test data: a médecin (profession 10) of general practice. */
function practitionerClaims(sub: string, p: TestPractitioner) {
  return {
    sub,
    SubjectNameID: p.idNat,
    preferred_username: p.idNat,
    given_name: p.givenName,
    family_name: p.familyName,
    otherIds: [{ identifiant: p.idNat, origine: 'RPPS', qualite: 1 }],
    SubjectRefPro: {
      codeCivilite: 'MME',
      exercices: [
        {
          codeProfession: '10',
          codeCategorieProfessionnelle: 'C',
          codeCiviliteDexercice: 'DR',
          nomDexercice: p.familyName,
          prenomDexercice: p.givenName,
          codeTypeSavoirFaire: 'S',
          codeSavoirFaire: 'SM26',
          activities: [],
        },
      ],
    },
  };
}

/** The login step: the chosen practitioner at PSC's level (CPS card or e-CPS), or `null`: cancelled. */
async function logIn(provider: Provider, req: IncomingMessage, res: ServerResponse, sub: string | null) {
  const result = sub
    ? { login: { accountId: sub, acr: 'eidas1' } }
    : { error: 'access_denied', error_description: 'the practitioner cancelled' };
  try {
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400).end(`test provider interaction failed: ${(error as Error).message}`);
  }
}

function tampered(jwt: string, tamper: IdTokenTamper, key: KeyObject, foreignKey: KeyObject): string {
  const [header, payload] = jwt
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
  if (tamper.kind === 'claims') {
    tamper.change(payload!);
    return signJwt(header!, payload!, key);
  }
  return signJwt(header!, payload!, foreignKey);
}

/** RS256 over the JSON as given (the tampered token keeps the provider's header and key id). */
export function signJwt(header: object, payload: object, key: KeyObject | string): string {
  const input = [header, payload].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.');
  const signature = createSign('RSA-SHA256')
    .update(input)
    .sign(typeof key === 'string' ? createPrivateKey(key) : key);
  return `${input}.${signature.toString('base64url')}`;
}

/** oidc-provider's storage, in memory for the test's life (its built-in one warns on every start). */
class MemoryAdapter implements Adapter {
  private static readonly store = new Map<string, AdapterPayload>();

  constructor(private readonly model: string) {}

  private key(id: string) {
    return `${this.model}:${id}`;
  }

  upsert(id: string, payload: AdapterPayload): Promise<void> {
    MemoryAdapter.store.set(this.key(id), payload);
    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(MemoryAdapter.store.get(this.key(id)));
  }

  findByUserCode(): Promise<AdapterPayload | undefined> {
    return Promise.resolve(undefined);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const prefix = this.key('');
    for (const [key, payload] of MemoryAdapter.store)
      if (key.startsWith(prefix) && payload.uid === uid) return Promise.resolve(payload);
    return Promise.resolve(undefined);
  }

  consume(id: string): Promise<void> {
    const payload = MemoryAdapter.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    MemoryAdapter.store.delete(this.key(id));
    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, payload] of MemoryAdapter.store) if (payload.grantId === grantId) MemoryAdapter.store.delete(key);
    return Promise.resolve();
  }
}

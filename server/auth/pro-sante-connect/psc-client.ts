import * as oidc from 'openid-client';
import type { PscRefusal } from '../../../common/signaling/doctor-sign-in';
import { rppsFromClaims } from './psc-claims';
import { PSC_PROTOCOL, type PscSettings } from './psc-config';

/** What one sign-in must find again in the answer: kept by the platform, never sent to the browser but `state`. */
export interface PscChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A sign-in refused: `code` for the console, `detail` for the log (names what failed, holds no token). */
export class PscRefused extends Error {
  constructor(
    readonly code: PscRefusal,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface PscClientOptions {
  /** Development's local test provider over http; never in production (platform-config.ts). */
  allowHttp: boolean;
  /** Each request to the provider gives up after this long; default 10 s. */
  timeoutSeconds?: number;
}

/**
 * The platform as Pro Santé Connect's relying party, through openid-client: the authorization code
 * flow with PKCE (S256), `state` and `nonce`, the client authenticated with its secret (HTTP Basic).
 * openid-client checks the ID token (signature against the provider's published keys, issuer,
 * audience, expiry, nonce) and UserInfo's subject; this class adds PSC's level (`acr`) and reads
 * the RPPS.
 */
export class ProSanteConnectClient {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(
    private readonly settings: PscSettings,
    private readonly options: PscClientOptions,
  ) {}

  /** Where to send the doctor's browser, and what the answer must match. */
  async authorizationRequest(redirectUri: string): Promise<{ url: URL; checks: PscChecks }> {
    const config = await this.discovered();
    const checks = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: PSC_PROTOCOL.scope,
      acr_values: PSC_PROTOCOL.acrValues,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, checks };
  }

  /**
   * Exchanges the code of the answer that reached `callbackUrl` (the registered redirect URI with
   * the provider's query) and returns the practitioner's RPPS. Throws PscRefused.
   */
  async practitionerRpps(callbackUrl: URL, checks: PscChecks): Promise<string> {
    const config = await this.discovered();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new PscRefused('invalid-token', 'no ID token in the answer');
      const acr = typeof idToken.acr === 'string' ? idToken.acr : '';
      if (!(PSC_PROTOCOL.acceptedAcr as readonly string[]).includes(acr))
        throw new PscRefused('invalid-token', `authentication level "${acr}" is below ${PSC_PROTOCOL.acrValues}`);
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
      const rpps = rppsFromClaims(userInfo, idToken);
      if (!rpps.ok) throw new PscRefused('no-rpps', rpps.error);
      return rpps.value;
    } catch (error) {
      throw refusalOf(error);
    }
  }

  /** The provider's metadata, read once; a failed read is forgotten so the next sign-in tries again. */
  private discovered(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = null;
      throw refusalOf(error);
    });
    return this.configuration;
  }

  private async discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const config = await oidc.discovery(
      new URL(issuer),
      clientId,
      { client_secret: clientSecret },
      oidc.ClientSecretBasic(clientSecret),
      {
        // The ID token's signature is checked against the provider's published keys too, not only
        // trusted for arriving over TLS (which OpenID Connect allows): a token that anything between
        // the platform and the provider altered or forged is refused.
        execute: [oidc.enableNonRepudiationChecks, ...(this.options.allowHttp ? [oidc.allowInsecureRequests] : [])],
        timeout: this.options.timeoutSeconds ?? 10,
      },
    );
    config.timeout = this.options.timeoutSeconds ?? 10;
    return config;
  }
}

/** Library errors that mean the provider could not be reached or answered nothing usable. */
const UNREACHABLE_CODES = new Set(['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM']);

/**
 * What a failure of the flow means for the doctor. The detail is the library's message (it names
 * the failed check or claim, never its value) or the network error's code.
 */
export function refusalOf(error: unknown): PscRefused {
  if (error instanceof PscRefused) return error;
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError)
    return new PscRefused('provider-refused', `the provider answered "${error.error}"`);
  if (error instanceof oidc.ClientError) {
    const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    if (error.code && UNREACHABLE_CODES.has(error.code))
      return new PscRefused('provider-unreachable', `${error.message}${inner}`);
    if (error.message.includes('issuer does not match'))
      return new PscRefused('provider-unreachable', `${error.message}: check PSC_ISSUER`);
    return new PscRefused('invalid-token', `${error.message}${inner}`);
  }
  // fetch's own failure: refused connection, unknown host, TLS.
  if (error instanceof TypeError && error.message === 'fetch failed') {
    const cause = error.cause as { code?: string; message?: string } | undefined;
    return new PscRefused('provider-unreachable', `fetch failed: ${cause?.code ?? cause?.message ?? 'no cause'}`);
  }
  return new PscRefused('provider-unreachable', error instanceof Error ? error.message : String(error));
}

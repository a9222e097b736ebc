/** The environment variables read by pscSettingsFromEnv. */
export const PSC_ENV = { issuer: 'PSC_ISSUER', clientId: 'PSC_CLIENT_ID', clientSecret: 'PSC_CLIENT_SECRET' } as const;

/** The platform as Pro Santé Connect's relying party (a confidential client): given when it was registered. */
export interface PscSettings {
  /** The issuer identifier; its `/.well-known/openid-configuration` is read at the first sign-in. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/**
 * What the platform asks Pro Santé Connect for and where it reads the RPPS, in one place. From PSC's
 * technical documentation and the ANS's own test data (prosanteconnect/generate-VIHF, the Keycloak
 * PSC broker ansforge/keycloak-prosanteconnect): the `scope_all` scope gives the practitioner's
 * sectoral identity in the UserInfo answer, whose `SubjectNameID` is the national identifier
 * (idNat_PS): the type digit `8` (RPPS) followed by the 11-digit RPPS number, e.g. `899700366240`.
 * `acr_values=eidas1` asks for PSC's level (CPS card or e-CPS), and the ID token's `acr` must say it.
 */
export const PSC_PROTOCOL = {
  scope: 'openid scope_all',
  acrValues: 'eidas1',
  /** Accepted `acr` values of the ID token: eIDAS levels from eidas1 up. */
  acceptedAcr: ['eidas1', 'eidas2', 'eidas3'],
  rppsClaim: 'SubjectNameID',
  /** An idNat_PS of type RPPS: `8` then the 11 digits (other types, e.g. `0` ADELI, are no RPPS). */
  rppsIdentifier: /^8(\d{11})$/,
} as const;

/** Keycloak, which PSC runs on, makes 32-character secrets; anything this short is not one. */
const MIN_SECRET_LENGTH = 16;

/**
 * Reads PSC_ISSUER, PSC_CLIENT_ID and PSC_CLIENT_SECRET. None of them: no Pro Santé Connect (null),
 * which only development accepts (`required`: the production start, where it is the doctors' only
 * sign-in). One without the others, or any bad value: throws one error with a line per wrong value,
 * the secret never echoed. `allowHttp`: development may use a local test provider over http.
 */
export function pscSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  { required, allowHttp }: { required: boolean; allowHttp: boolean },
): PscSettings | null {
  const issuer = env[PSC_ENV.issuer]?.trim() ?? '';
  const clientId = env[PSC_ENV.clientId]?.trim() ?? '';
  const clientSecret = env[PSC_ENV.clientSecret] ?? '';
  const names = Object.values(PSC_ENV).join(', ');
  if (!issuer && !clientId && !clientSecret) {
    if (required)
      throw new Error(
        `Pro Santé Connect: ${names} are required in production (doctors sign in only through Pro Santé Connect there)`,
      );
    return null;
  }
  const errors = [...issuerErrors(issuer, allowHttp), ...clientIdErrors(clientId), ...clientSecretErrors(clientSecret)];
  if (errors.length > 0) throw new Error(`Pro Santé Connect configuration:\n  ${errors.join('\n  ')}`);
  return { issuer, clientId, clientSecret };
}

function issuerErrors(text: string, allowHttp: boolean): string[] {
  const name = PSC_ENV.issuer;
  if (!text) return [`${name}: required with ${PSC_ENV.clientId} and ${PSC_ENV.clientSecret} (the issuer URL)`];
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [`${name}: not a URL: "${text}"`];
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:'))
    return [`${name}: expected https://…${allowHttp ? ' (or http:// in development)' : ''}, got "${text}"`];
  // The issuer identifier is compared as given with the discovered one: no query, fragment or password.
  if (url.search || url.hash || url.username || url.password)
    return [`${name}: expected the issuer identifier (scheme, host, path), got "${text}"`];
  return [];
}

function clientIdErrors(text: string): string[] {
  const name = PSC_ENV.clientId;
  if (!text) return [`${name}: required (the client id Pro Santé Connect gave this platform)`];
  if (!/^[\x21-\x7e]{1,200}$/.test(text))
    return [`${name}: expected printable characters without spaces, got "${text}"`];
  return [];
}

function clientSecretErrors(secret: string): string[] {
  const name = PSC_ENV.clientSecret;
  if (!secret) return [`${name}: required (the client secret Pro Santé Connect gave this platform)`];
  if (secret !== secret.trim()) return [`${name}: starts or ends with a space (copied with the line's blanks?)`];
  if (secret.length < MIN_SECRET_LENGTH)
    return [`${name}: at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}`];
  return [];
}

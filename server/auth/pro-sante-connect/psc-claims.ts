import { err, ok, type Result } from '../../../common/util/result';
import { PSC_PROTOCOL } from './psc-config';

type Claims = Readonly<Record<string, unknown>>;

/**
 * The practitioner's 11-digit RPPS number from Pro Santé Connect's answer: the UserInfo claims
 * first (where PSC puts the sectoral identity), else the ID token's. The error says what was wrong
 * for the log; it names the claim, never a token.
 */
export function rppsFromClaims(userInfo: Claims, idToken: Claims): Result<string, string> {
  const claim = PSC_PROTOCOL.rppsClaim;
  const value = userInfo[claim] ?? idToken[claim];
  if (value === undefined || value === null || value === '') return err(`no ${claim} claim in the answer`);
  if (typeof value !== 'string') return err(`${claim} is not a string`);
  const match = PSC_PROTOCOL.rppsIdentifier.exec(value);
  // The first digit is the identifier's type: 8 is an RPPS; 0 (ADELI) and the others are not.
  if (!match)
    return err(`${claim} is not an RPPS identifier (type digit "${value.slice(0, 1)}", ${value.length} characters)`);
  return ok(match[1]!);
}

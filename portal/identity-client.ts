import { z } from 'zod';
import { IDENTITY_API, StaffIdentityView } from '../common/identity/identity-check';
import type { IdentityDocument } from '../common/identity/ins';

/** Why an identity request failed: the platform's reason (a refusal), or no answer at all. */
export class IdentityRequestError extends Error {
  constructor(
    readonly kind: 'refused' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

const List = z.object({ identities: z.array(StaffIdentityView) });
const One = z.object({ identity: StaffIdentityView });

/** The portal's identity-vigilance requests, with the session's token, to the platform that served the page. */
export class IdentityClient {
  constructor(
    private readonly token: () => string | null,
    private readonly base = '',
  ) {}

  async list(): Promise<StaffIdentityView[]> {
    return List.parse(await this.request(IDENTITY_API.pharmacyList)).identities;
  }

  /** Records the kind of document the pharmacist checked (never its number): the identity as it now stands. */
  async checkDocument(sessionId: string, kind: IdentityDocument): Promise<StaffIdentityView> {
    return One.parse(await this.request(IDENTITY_API.pharmacyDocument(sessionId), { kind })).identity;
  }

  /** Asks INSi again for an identity whose search got no answer: the identity with INSi's new outcome. */
  async askInsiAgain(sessionId: string): Promise<StaffIdentityView> {
    return One.parse(await this.request(IDENTITY_API.pharmacyInsi(sessionId), {})).identity;
  }

  private async request(path: string, body?: unknown): Promise<unknown> {
    const token = this.token();
    if (!token) throw new IdentityRequestError('refused', 'not signed in');
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new IdentityRequestError('unreachable', 'no answer from the platform');
    }
    const json = (await res.json().catch(() => null)) as { message?: string } | null;
    if (!res.ok) throw new IdentityRequestError('refused', json?.message ?? `HTTP ${res.status}`);
    return json;
  }
}

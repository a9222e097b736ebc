import { z } from 'zod';
import { InsTraits } from '../../common/identity/ins';
import type { InsiAnswer } from '../../common/identity/ins-vigilance';

/**
 * The INSi teleservice, seen from the platform: a search by the patient's traits answers one
 * identity, none, or several. The real service is SOAP over mutual TLS with the structure's
 * certificate (and the Carte Vitale's data for a search by card); this interface is what the
 * platform needs of it, so the SOAP client can be written behind it without touching the callers.
 */
export interface InsiClient {
  searchByTraits(query: InsiQuery): Promise<InsiAnswer>;
}

/** A search by traits: the birth name, first given name, sex and birth date (birthplace narrows it). */
export const InsiQuery = z.object({
  birthName: z.string().min(1).max(100),
  givenName: z.string().min(1).max(100),
  sex: z.enum(['M', 'F']),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  birthplaceCode: z
    .string()
    .regex(/^(\d{2}|2A|2B)\d{3}$/)
    .nullable(),
});
export type InsiQuery = z.infer<typeof InsiQuery>;

const Answer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('found'), ins: z.string().max(20), traits: InsTraits }),
  z.object({ kind: z.literal('not-found') }),
  z.object({ kind: z.literal('several'), count: z.number().int().min(2) }),
]);

/** Thrown when the teleservice cannot be asked (down, refused, answered nonsense): no answer at all. */
export class InsiUnavailable extends Error {}

/**
 * An INSi client over HTTP+JSON (POST <url>/search): what the local test server speaks, and the
 * shape a gateway to the SOAP teleservice would expose. Times out after `timeoutMs`.
 */
export function httpInsiClient(options: { url: string; timeoutMs?: number }): InsiClient {
  return {
    async searchByTraits(query) {
      let response: Response;
      try {
        response = await fetch(`${options.url}/search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(InsiQuery.parse(query)),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new InsiUnavailable(`INSi unreachable: ${error instanceof Error ? error.name : 'error'}`);
      }
      if (!response.ok) throw new InsiUnavailable(`INSi answered HTTP ${response.status}`);
      const parsed = Answer.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new InsiUnavailable('INSi answer is not a search result');
      return parsed.data;
    },
  };
}

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InsTraits } from '../../../common/identity/ins';
import { InsiQuery } from '../insi-client';

/**
 * A local stand-in for the INSi teleservice, for tests: it holds a register of people and answers
 * a search the way the service's guide documents it (one found, none, several). Matching is on
 * birth name, first given name, sex and birth date, and the birthplace when the query gives one.
 * Synthetic identities only.
 */
export interface InsiRegisterEntry {
  ins: string;
  traits: InsTraits;
}

export interface InsiTestServer {
  readonly url: string;
  /** Every query received, in order (a test checks what the platform asked). */
  readonly queries: InsiQuery[];
  close(): Promise<void>;
}

function matches(entry: InsiRegisterEntry, q: InsiQuery): boolean {
  const first = entry.traits.birthGivenNames.split(' ')[0]!.toUpperCase();
  return (
    entry.traits.birthName.toUpperCase() === q.birthName.toUpperCase() &&
    first === q.givenName.toUpperCase() &&
    entry.traits.sex === q.sex &&
    entry.traits.birthDate === q.birthDate &&
    (q.birthplaceCode === null || entry.traits.birthplaceCode === q.birthplaceCode)
  );
}

async function body(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

export async function startInsiTestServer(register: readonly InsiRegisterEntry[]): Promise<InsiTestServer> {
  const queries: InsiQuery[] = [];
  const server = createServer((request, response) => {
    const reply = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method !== 'POST' || request.url !== '/search') return reply(404, { error: 'not found' });
    void body(request).then((raw) => {
      const query = InsiQuery.safeParse(raw);
      if (!query.success) return reply(400, { error: 'bad query' });
      queries.push(query.data);
      const found = register.filter((entry) => matches(entry, query.data));
      if (found.length === 0) return reply(200, { kind: 'not-found' });
      if (found.length > 1) return reply(200, { kind: 'several', count: found.length });
      return reply(200, { kind: 'found', ins: found[0]!.ins, traits: found[0]!.traits });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

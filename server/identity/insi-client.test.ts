import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsTraits } from '../../common/identity/ins';
import { applyInsiAnswer, provisionalIdentity } from '../../common/identity/ins-vigilance';
import { InsiUnavailable, httpInsiClient, type InsiClient } from './insi-client';
import { startInsiTestServer, type InsiTestServer } from './testing/insi-test-server';

const HOLDER: InsTraits = {
  birthName: 'TEST',
  birthGivenNames: 'PATIENT',
  birthDate: '1969-05-01',
  sex: 'F',
  birthplaceCode: '49588',
  usedName: null,
  usedGivenName: null,
};
const HOMONYM: InsTraits = { ...HOLDER, birthName: 'DUPONT', birthGivenNames: 'MARIE', birthDate: '1990-01-01' };

let server: InsiTestServer;
let client: InsiClient;
beforeAll(async () => {
  server = await startInsiTestServer([
    { ins: '269054958815780', traits: HOLDER },
    { ins: '290014958800116', traits: { ...HOMONYM, birthplaceCode: '49588' } },
    { ins: '290017505600145', traits: { ...HOMONYM, birthplaceCode: '75056' } },
  ]);
  client = httpInsiClient({ url: server.url });
});
afterAll(() => server.close());

const query = (t: InsTraits, birthplace: string | null = null) => ({
  birthName: t.birthName,
  givenName: t.birthGivenNames,
  sex: t.sex as 'F',
  birthDate: t.birthDate,
  birthplaceCode: birthplace,
});

describe('INSi over HTTP against the local test server', () => {
  it('found once: the INS and its traits, which recover the identity', async () => {
    const answer = await client.searchByTraits(query(HOLDER));
    expect(answer).toEqual({ kind: 'found', ins: '269054958815780', traits: HOLDER });
    const recovered = applyInsiAnswer(provisionalIdentity(HOLDER), answer, '2026-12-06T10:00:00.000Z');
    expect(recovered.ok && recovered.identity.status).toBe('recovered');
  });

  it('not found, and several found (homonyms) until the birthplace tells them apart', async () => {
    expect(await client.searchByTraits({ ...query(HOLDER), birthName: 'NOBODY' })).toEqual({ kind: 'not-found' });
    expect(await client.searchByTraits(query(HOMONYM))).toEqual({ kind: 'several', count: 2 });
    expect(await client.searchByTraits(query(HOMONYM, '75056'))).toMatchObject({ kind: 'found' });
    expect(server.queries.at(-1)).toMatchObject({ birthName: 'DUPONT', birthplaceCode: '75056' });
  });

  it('says the teleservice is unavailable rather than answering for it', async () => {
    const down = httpInsiClient({ url: 'http://127.0.0.1:9', timeoutMs: 2000 });
    await expect(down.searchByTraits(query(HOLDER))).rejects.toBeInstanceOf(InsiUnavailable);
    const wrongPath = httpInsiClient({ url: `${server.url}/nothing` });
    await expect(wrongPath.searchByTraits(query(HOLDER))).rejects.toThrow('HTTP 404');
  });
});

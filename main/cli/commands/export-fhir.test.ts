import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_IDENTITY, bloodPressure, temperature } from '../../../common/records/testing/samples';
import { KioskStore } from '../../db/kiosk-store';
import { runKioskctl } from '../kioskctl';

let dataDir: string;
const saved = { ...process.env };
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kioskctl-export-'));
  process.env.KIOSK_DATA_DIR = dataDir;
  process.env.KIOSK_RUNTIME_DIR = dataDir;
  delete process.env.KIOSK_CONFIG;
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dataDir, { recursive: true, force: true });
});

async function kioskctl(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKioskctl(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kioskctl export fhir', () => {
  it('prints the session as a FHIR Bundle and audits the export', async () => {
    const store = KioskStore.openInDataDir({ dataDir, keyFile: join(dataDir, 'store.key') });
    const sessionId = crypto.randomUUID();
    store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: '2026-03-02T09:00:00.000Z' });
    store.saveIdentity(sessionId, SAMPLE_IDENTITY);
    store.recordMeasurement(sessionId, temperature());
    store.recordMeasurement(sessionId, bloodPressure());
    store.close();

    const result = await kioskctl('export', 'fhir', '--session', sessionId);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const bundle = JSON.parse(result.out) as {
      resourceType: string;
      entry: { resource: { resourceType: string; code?: { coding: { code: string }[] } } }[];
    };
    expect(bundle.resourceType).toBe('Bundle');
    const codes = bundle.entry.flatMap((e) =>
      e.resource.resourceType === 'Observation' ? [e.resource.code!.coding[0]!.code] : [],
    );
    expect(codes).toEqual(['8310-5', '85354-9', '8867-4']);

    const reopened = KioskStore.openInDataDir({ dataDir, keyFile: join(dataDir, 'store.key') });
    expect(reopened.audit.list()).toMatchObject([{ actor: 'kioskctl', action: 'fhir-export', subject: sessionId }]);
    reopened.close();
  });

  it('names what is wrong: a missing or malformed session id, an unknown session', async () => {
    expect(await kioskctl('export', 'fhir')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/give --session <id>/),
    });
    expect(await kioskctl('export', 'fhir', '--session', 'a b')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--session: letters, digits/),
    });
    expect(await kioskctl('export', 'fhir', '--sesion', 'x')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/Unknown option '--sesion'/),
    });
    expect(await kioskctl('export', 'fhir', '--session', 'nope')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/no session nope on this kiosk/),
    });
  });
});

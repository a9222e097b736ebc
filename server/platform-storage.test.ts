import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStorage } from './platform-storage';
import { SqlitePrescriptionSequence } from './records/prescription-sequence';
import { recordsDatabaseFile } from './records/records-database';
import { requirePostgres } from './testing/postgres-instance';

const postgres = await requirePostgres();
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (!postgres.missing) await postgres.value.stop();
});

postgres.describe('a platform moved from SQLite to PostgreSQL', () => {
  it('numbers prescriptions on PostgreSQL after the last number its SQLite counter gave', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'platform-storage-'));
    dirs.push(dataDir);
    const dataKey = randomBytes(32);
    // The earlier platform: a plain-text counter at 40, then one number taken on SQLite (41).
    writeFileSync(join(dataDir, 'prescription-sequence'), '40\n');
    const before = new SqlitePrescriptionSequence(
      recordsDatabaseFile(dataDir, dataKey),
      join(dataDir, 'prescription-sequence'),
    );
    expect(await before.next()).toBe(41);
    before.close();

    const url = await postgres.value.createDatabase();
    const storage = await openStorage({ dataDir, dataKey, databaseUrl: url });
    try {
      expect(await storage.stores.prescriptionSequence!.next()).toBe(42);
    } finally {
      storage.stores.close();
      await storage.repository.close();
    }
    // Another start (or another node with the same file) does not take the counter back.
    const again = await openStorage({ dataDir, dataKey, databaseUrl: url });
    try {
      expect(await again.stores.prescriptionSequence!.next()).toBe(43);
    } finally {
      again.stores.close();
      await again.repository.close();
    }
  });
});

postgres.describe("an earlier node's pharmacies.json", () => {
  it('is imported into PostgreSQL at start; a damaged one stops the start naming it', async () => {
    const url = await postgres.value.createDatabase();
    const dataKey = randomBytes(32);
    const folder = (content: string) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'platform-storage-'));
      dirs.push(dataDir);
      writeFileSync(join(dataDir, 'pharmacies.json'), content);
      return dataDir;
    };
    const damaged = folder('{"pharmacies": [{"id": "pharmacie-nord"');
    await expect(openStorage({ dataDir: damaged, dataKey, databaseUrl: url })).rejects.toThrow(
      `${join(damaged, 'pharmacies.json')} is not JSON`,
    );
    const good = folder(JSON.stringify({ pharmacies: [{ id: 'pharmacie-nord', name: 'Nord', kiosks: [] }] }));
    const storage = await openStorage({ dataDir: good, dataKey, databaseUrl: url });
    try {
      expect((await storage.stores.pharmacies.snapshot()).pharmacies.map((p) => p.id)).toEqual(['pharmacie-nord']);
    } finally {
      storage.stores.close();
      await storage.repository.close();
      await storage.auth.close();
    }
  });
});

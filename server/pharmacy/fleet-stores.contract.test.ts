import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { KioskHeartbeat } from '../../common/signaling/fleet';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { BEAT_WRITE_MIN_MS, FleetRegistry, ONLINE_WITHIN_MS } from '../api/fleet-registry';
import type { KioskBeatStore } from '../api/kiosk-beat-store';
import { careEngines, type CareDatabase } from '../testing/care-store-engines';
import { requirePostgres } from '../testing/postgres-instance';
import { importPharmaciesJson } from './pharmacies-json-import';
import { PharmacyDirectory } from './pharmacy-directory';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * One contract for the fleet in the platform's storage (issue 15), both engines: which pharmacy
 * owns which kiosks, pharmacies.json imported once, the kiosks' last heartbeats and the claim of a
 * silent kiosk. "Another node" is another connection (SQLite) or another pool (PostgreSQL).
 */
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));

const cleanups = cleanupsAfterEach();

const engines = careEngines(postgres, cleanups);
const node = async (database: CareDatabase) => (await database.open()).stores;
const BEAT: KioskHeartbeat = { version: '1.4.0', uptimeSeconds: 60, devices: [], inSession: false };

function pharmaciesJson(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pharmacies-json-'));
  writeFileSync(join(dir, 'pharmacies.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

for (const engine of engines) {
  engine.describe(`pharmacy directory contract (${engine.name})`, () => {
    it('keeps pharmacies and their cabins in assignment order, a kiosk in one pharmacy only', async () => {
      const database = await engine.fresh();
      const a = new PharmacyDirectory((await node(database)).pharmacies);
      await a.upsertPharmacy({ id: 'pharmacie-nord', name: 'Pharmacie du Nord', town: 'Lille' });
      await a.upsertPharmacy({ id: 'pharmacie-sud', name: 'Pharmacie du Sud' });
      await a.assignKiosk('k-2', 'pharmacie-nord', 'Cabine 2');
      await a.assignKiosk('k-1', 'pharmacie-nord', ' Cabine 1 ');
      await a.assignKiosk('k-3', 'pharmacie-nord');
      expect(a.cabins('pharmacie-nord').map((c) => [c.kioskId, c.label])).toEqual([
        ['k-2', 'Cabine 2'],
        ['k-1', 'Cabine 1'],
        ['k-3', 'k-3'],
      ]);
      // Moved: it leaves the first pharmacy.
      await a.assignKiosk('k-2', 'pharmacie-sud', 'Cabine A');
      expect(a.cabins('pharmacie-nord').map((c) => c.kioskId)).toEqual(['k-1', 'k-3']);
      expect(a.cabinOf('k-2')).toEqual({
        pharmacy: { id: 'pharmacie-sud', name: 'Pharmacie du Sud' },
        kioskId: 'k-2',
        label: 'Cabine A',
      });
      // A rename without a town keeps the town.
      await a.upsertPharmacy({ id: 'pharmacie-nord', name: 'Grande pharmacie du Nord' });
      expect(a.placeOf('k-1')).toEqual({ pharmacy: 'Grande pharmacie du Nord', town: 'Lille' });
      expect(a.placeOf('k-2')).toEqual({ pharmacy: 'Pharmacie du Sud', town: null });
      expect(a.pharmacyOf('k-9')).toBeNull();
    });

    it('refuses bad input naming it, and stores nothing of it', async () => {
      const database = await engine.fresh();
      const stores = await node(database);
      const a = new PharmacyDirectory(stores.pharmacies);
      await expect(a.upsertPharmacy({ id: 'Pharmacie Nord', name: 'X' })).rejects.toThrow(/pharmacy id: lower-case/);
      await expect(a.upsertPharmacy({ id: 'pharmacie-nord', name: ' ' })).rejects.toThrow(/pharmacy name/);
      await expect(a.assignKiosk('k-1', 'pharmacie-nord')).rejects.toThrow(/pharmacy pharmacie-nord does not exist/);
      await a.upsertPharmacy({ id: 'pharmacie-nord', name: 'Nord' });
      await expect(a.assignKiosk('k-1', 'pharmacie-nord', 'x'.repeat(61))).rejects.toThrow(/cabin label/);
      expect((await stores.pharmacies.snapshot()).pharmacies).toEqual([
        { id: 'pharmacie-nord', name: 'Nord', town: null, kiosks: [] },
      ]);
    });

    it('what one node saves, another reads once the revision moved', async () => {
      const database = await engine.fresh();
      const a = new PharmacyDirectory((await node(database)).pharmacies);
      const b = await new PharmacyDirectory((await node(database)).pharmacies).open(50);
      cleanups.push(() => b.close());
      await a.upsertPharmacy({ id: 'pharmacie-nord', name: 'Nord' });
      await a.assignKiosk('k-1', 'pharmacie-nord', 'Cabine 1');
      await expect.poll(() => b.cabinOf('k-1')?.label, { timeout: 5_000 }).toBe('Cabine 1');
    });

    it('imports pharmacies.json once, keeping what the store has, and renames it', async () => {
      const stores = await node(await engine.fresh());
      await stores.pharmacies.upsertPharmacy({ id: 'pharmacie-nord', name: 'Nord (renamed since)' });
      const dir = pharmaciesJson({
        pharmacies: [
          { id: 'pharmacie-nord', name: 'Nord', kiosks: [{ kioskId: 'k-1', label: 'Cabine 1' }] },
          { id: 'pharmacie-sud', name: 'Sud', town: 'Nice', kiosks: [{ kioskId: 'k-2', label: 'Cabine 1' }] },
        ],
      });
      expect(await importPharmaciesJson(dir, stores.pharmacies)).toEqual({ imported: 1, present: 1 });
      expect(existsSync(join(dir, 'pharmacies.json'))).toBe(false);
      expect(existsSync(join(dir, 'pharmacies.json.imported'))).toBe(true);
      expect(await importPharmaciesJson(dir, stores.pharmacies)).toBeNull();
      const directory = new PharmacyDirectory(stores.pharmacies);
      await directory.refresh();
      expect(directory.cabinOf('k-1')?.pharmacy).toEqual({ id: 'pharmacie-nord', name: 'Nord (renamed since)' });
      expect(directory.placeOf('k-2')).toEqual({ pharmacy: 'Sud', town: 'Nice' });
    });

    it('refuses a damaged file or a kiosk claimed by two pharmacies, naming it, importing nothing', async () => {
      const stores = await node(await engine.fresh());
      const damaged = pharmaciesJson('{"pharmacies": [');
      await expect(importPharmaciesJson(damaged, stores.pharmacies)).rejects.toThrow(/pharmacies\.json is not JSON/);
      const wrong = pharmaciesJson({ pharmacies: [{ id: 'Nord', name: 'N', kiosks: [] }] });
      await expect(importPharmaciesJson(wrong, stores.pharmacies)).rejects.toThrow(/invalid at pharmacies\.0\.id/);
      const twice = pharmaciesJson({
        pharmacies: [
          { id: 'pharmacie-nord', name: 'Nord', kiosks: [{ kioskId: 'k-1', label: 'Cabine 1' }] },
          { id: 'pharmacie-sud', name: 'Sud', kiosks: [{ kioskId: 'k-1', label: 'Cabine 1' }] },
        ],
      });
      await expect(importPharmaciesJson(twice, stores.pharmacies)).rejects.toThrow(
        /kiosk k-1 is claimed by both pharmacie-nord and pharmacie-sud/,
      );
      for (const dir of [damaged, wrong, twice]) expect(existsSync(join(dir, 'pharmacies.json'))).toBe(true);
      expect((await stores.pharmacies.snapshot()).pharmacies).toEqual([]);
    });
  });

  engine.describe(`kiosk heartbeats contract (${engine.name})`, () => {
    it('keeps the latest beat of each kiosk and hands out the rows seen after a time', async () => {
      const beats = (await node(await engine.fresh())).kioskBeats;
      await beats.save([
        { kioskId: 'k-1', beat: BEAT, seenAt: 1_000 },
        { kioskId: 'k-2', beat: BEAT, seenAt: 2_000 },
      ]);
      await beats.save([]);
      await beats.save([{ kioskId: 'k-1', beat: { ...BEAT, inSession: true }, seenAt: 3_000 }]);
      // A late write of an older beat (another node's, delayed) does not go back in time.
      await beats.save([{ kioskId: 'k-1', beat: BEAT, seenAt: 2_500 }]);
      expect(await beats.seenAfter(0)).toEqual([
        { kioskId: 'k-1', beat: { ...BEAT, inSession: true }, seenAt: 3_000 },
        { kioskId: 'k-2', beat: BEAT, seenAt: 2_000 },
      ]);
      expect((await beats.seenAfter(2_000)).map((r) => r.kioskId)).toEqual(['k-1']);
    });

    it('gives a silent kiosk to exactly one of several nodes sweeping at once, once per silence', async () => {
      const database = await engine.fresh();
      const nodes: KioskBeatStore[] = [];
      for (let i = 0; i < 4; i++) nodes.push((await node(database)).kioskBeats);
      await nodes[0]!.save([{ kioskId: 'k-1', beat: BEAT, seenAt: 1_000 }]);
      await nodes[0]!.save([{ kioskId: 'k-2', beat: BEAT, seenAt: 50_000 }]);
      const cutoff = 10_000;
      const claims = await Promise.all(nodes.map((n) => n.claimSilent(cutoff, 100_000)));
      expect(claims.flat().map((c) => c.kioskId)).toEqual(['k-1']);
      expect((await Promise.all(nodes.map((n) => n.claimSilent(cutoff, 101_000)))).flat()).toEqual([]);
      // It beats again, then goes silent again: flagged again, once.
      await nodes[1]!.save([{ kioskId: 'k-1', beat: BEAT, seenAt: 5_000 }]);
      const again = await Promise.all(nodes.map((n) => n.claimSilent(cutoff, 102_000)));
      expect(again.flat().map((c) => c.kioskId)).toEqual(['k-1']);
    });

    it("shows on node B a beat node A received, writing a kiosk's row at most every few seconds", async () => {
      const database = await engine.fresh();
      const clock = new ManualClock();
      const stored = (await node(database)).kioskBeats;
      const batches: number[] = [];
      const counted: KioskBeatStore = {
        save: (rows) => (batches.push(rows.length), stored.save(rows)),
        seenAfter: (ms) => stored.seenAfter(ms),
        claimSilent: (cutoff, now) => stored.claimSilent(cutoff, now),
      };
      const a = new FleetRegistry(clock, counted);
      const b = new FleetRegistry(clock, (await node(database)).kioskBeats);
      cleanups.push(() => a.close());
      const seenByB: string[] = [];
      b.onRecorded((kioskId) => seenByB.push(kioskId));
      // Two kiosks beat through A: one batch of two rows; B reads them.
      a.record('k-1', { ...BEAT, uptimeSeconds: 0 });
      a.record('k-2', BEAT);
      await a.flush();
      expect(batches).toEqual([2]);
      await b.poll();
      expect(b.entry('k-1')).toMatchObject({ online: true, lastSeen: new Date(clock.now()).toISOString() });
      expect(seenByB).toEqual(['k-1', 'k-2']);
      // k-1 beats every 100 ms for 2 s: nothing written inside its 5 s window...
      for (let i = 1; i < 20; i++) {
        clock.advance(100);
        a.record('k-1', { ...BEAT, uptimeSeconds: i });
        await a.flush();
      }
      expect(batches).toEqual([2]);
      // ...then its last beat, once.
      clock.advance(BEAT_WRITE_MIN_MS);
      await a.flush();
      await a.flush();
      expect(batches).toEqual([2, 1]);
      await b.poll();
      expect(b.list()[0]).toMatchObject({ kioskId: 'k-1', uptimeSeconds: 19 });
      expect(seenByB).toEqual(['k-1', 'k-2', 'k-1']);
      // Silent too long: one of the two nodes flags it.
      clock.advance(ONLINE_WITHIN_MS + 1);
      const flagged = [...(await a.sweepSilent()), ...(await b.sweepSilent())];
      expect(flagged.sort()).toEqual(['k-1', 'k-2']);
      expect(b.entry('k-1')?.online).toBe(false);
    });
  });
}

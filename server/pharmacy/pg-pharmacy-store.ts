import type pg from 'pg';
import {
  SQL,
  assemble,
  checkedKiosk,
  checkedPharmacy,
  missingPharmacy,
  type DirectorySnapshot,
  type KioskDbRow,
  type PharmacyDbRow,
  type PharmacyRow,
  type PharmacyStore,
} from './pharmacy-store';

/**
 * The pharmacy directory on PostgreSQL (migration 0016): what one node or the admin command saved,
 * every node reads. Each change bumps the revision row in its transaction; that row's lock puts
 * concurrent changes one after the other, so positions (assignment order) never collide.
 */
export class PgPharmacyStore implements PharmacyStore {
  constructor(private readonly pool: pg.Pool) {}

  async revision(): Promise<number> {
    return Number((await this.pool.query<{ revision: string }>(SQL.revision)).rows[0]!.revision);
  }

  async snapshot(): Promise<DirectorySnapshot> {
    // One snapshot of the three tables (REPEATABLE READ): never a kiosk of a pharmacy not yet read.
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
      const revision = Number((await client.query<{ revision: string }>(SQL.revision)).rows[0]!.revision);
      const pharmacies = (await client.query<PharmacyDbRow>(SQL.pharmacies)).rows;
      return assemble(revision, pharmacies, (await client.query<KioskDbRow>(SQL.kiosks)).rows);
    });
  }

  async upsertPharmacy(input: { id: string; name: string; town?: string }): Promise<void> {
    const p = checkedPharmacy(input);
    await this.transaction('BEGIN', async (client) => {
      await client.query(SQL.upsert, [p.id, p.name, p.town]);
      await bump(client);
    });
  }

  async assignKiosk(kioskId: string, pharmacyId: string, label?: string): Promise<void> {
    const kiosk = checkedKiosk(kioskId, label);
    await this.transaction('BEGIN', async (client) => {
      const position = await bump(client);
      if ((await client.query(SQL.exists, [pharmacyId])).rowCount === 0) throw missingPharmacy(pharmacyId);
      await client.query(SQL.assign, [kiosk.kioskId, pharmacyId, kiosk.label, position]);
    });
  }

  async importPharmacies(pharmacies: readonly PharmacyRow[]): Promise<{ imported: number; present: number }> {
    return this.transaction('BEGIN', async (client) => {
      let imported = 0;
      for (const p of pharmacies) {
        if ((await client.query(SQL.importPharmacy, [p.id, p.name, p.town])).rowCount === 1) imported++;
        for (const k of p.kiosks) await client.query(SQL.importKiosk, [k.kioskId, p.id, k.label, await bump(client)]);
      }
      await bump(client);
      return { imported, present: pharmacies.length - imported };
    });
  }

  private async transaction<T>(begin: string, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

async function bump(client: pg.PoolClient): Promise<number> {
  return Number((await client.query<{ revision: string }>(SQL.bump)).rows[0]!.revision);
}

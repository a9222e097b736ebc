import type Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';
import { PgKioskBeatStore, SqliteKioskBeatStore, type KioskBeatStore } from './api/kiosk-beat-store';
import { PgPharmacyStore } from './pharmacy/pg-pharmacy-store';
import { SqlitePharmacyStore, type PharmacyStore } from './pharmacy/pharmacy-store';

/** The fleet in the platform's storage (issue 15): which pharmacy owns which kiosks, and their last heartbeats. */
export interface FleetStores {
  /** Formerly pharmacies.json in each node's data folder (imported once: pharmacies-json-import.ts). */
  readonly pharmacies: PharmacyStore;
  /** Each kiosk's last heartbeat, so every node's fleet view is the same. */
  readonly kioskBeats: KioskBeatStore;
}

/** In the records database (SQLite migrations 0021–0022): the default engine. */
export function sqliteFleetStores(db: Database.Database): FleetStores {
  return { pharmacies: new SqlitePharmacyStore(db), kioskBeats: new SqliteKioskBeatStore(db) };
}

/** On PostgreSQL (migrations 0016–0017), beside the records: every node reads and writes the same. */
export function pgFleetStores(pool: pg.Pool): FleetStores {
  return { pharmacies: new PgPharmacyStore(pool), kioskBeats: new PgKioskBeatStore(pool) };
}

import Database from 'better-sqlite3-multiple-ciphers';
import { migrateRecords } from './migrations';

/**
 * Opens the platform's records database, migrated: WAL, synchronous=FULL (an acknowledgement must
 * survive a power cut of the platform), foreign keys on, and a busy timeout so the connections of
 * the repository, the prescription counter and the export tokens wait for each other's writes.
 */
export function openRecordsDatabase(file: string): Database.Database {
  const db = new Database(file);
  // First: switching a new file to WAL takes a lock that another process opening it may hold.
  db.pragma('busy_timeout = 5000');
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrateRecords(db);
  return db;
}

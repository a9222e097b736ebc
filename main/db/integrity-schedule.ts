import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

/**
 * When the store's whole-file integrity check (quick_check, which decrypts and reads every page:
 * about 7 s for a million rows on a kiosk) runs at open. SQLite in WAL mode with synchronous=FULL
 * survives crashes by design; damage comes from a torn write at a power cut, a file changed behind
 * the kiosk's back, or a failing flash cell. So the check runs when the last stop was not a clean
 * close, when the file is not as the clean close left it, and otherwise once a day — not at every
 * start, which would keep the patient waiting at the welcome screen.
 */
export const FULL_CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

/** What a clean close leaves beside the store file. */
interface CleanClose {
  size: number;
  mtimeMs: number;
  ino: number;
  /** When the whole file was last found sound (epoch ms). */
  checkedAtMs: number;
}

/** The record of the last clean close, beside the store file (no patient data: sizes and times). */
const cleanCloseFile = (file: string) => `${file}.clean-close`;

/** Why the file must be checked now, or null when the last clean close and a recent check vouch for it. */
export function fullCheckReason(
  file: string,
  nowMs: number,
): { reason: string; lastCheckedAtMs: null } | { reason: null; lastCheckedAtMs: number } {
  if (!existsSync(file)) return { reason: null, lastCheckedAtMs: nowMs };
  const record = readCleanClose(file);
  if (!record) return { reason: 'no clean close recorded (the kiosk stopped unexpectedly)', lastCheckedAtMs: null };
  const now = statSync(file);
  if (now.size !== record.size || Math.floor(now.mtimeMs) !== record.mtimeMs || now.ino !== record.ino)
    return { reason: 'the file changed while the store was closed', lastCheckedAtMs: null };
  if (nowMs - record.checkedAtMs >= FULL_CHECK_EVERY_MS || record.checkedAtMs > nowMs)
    return { reason: 'the daily check is due', lastCheckedAtMs: null };
  return { reason: null, lastCheckedAtMs: record.checkedAtMs };
}

/** The store is open: until it closes cleanly, a stop counts as unexpected. */
export function forgetCleanClose(file: string): void {
  rmSync(cleanCloseFile(file), { force: true });
}

/** Called after the last checkpoint of a clean close. */
export function recordCleanClose(file: string, checkedAtMs: number): void {
  const { size, mtimeMs, ino } = statSync(file);
  // Whole milliseconds: what every filesystem and utimes keep.
  const record: CleanClose = { size, mtimeMs: Math.floor(mtimeMs), ino, checkedAtMs };
  writeFileSync(cleanCloseFile(file), JSON.stringify(record), { mode: 0o600 });
}

function readCleanClose(file: string): CleanClose | null {
  try {
    const record = JSON.parse(readFileSync(cleanCloseFile(file), 'utf8')) as Partial<CleanClose>;
    const fields = [record.size, record.mtimeMs, record.ino, record.checkedAtMs];
    return fields.every((v) => typeof v === 'number') ? (record as CleanClose) : null;
  } catch {
    // Missing or unreadable: treated as no clean close, so the file gets checked.
    return null;
  }
}

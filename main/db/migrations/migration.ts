import type { SqliteDatabase } from '../open-database';

/** One numbered schema step. `version` is what `PRAGMA user_version` holds once it has run. */
export interface Migration {
  readonly version: number;
  /** Kebab-case description, e.g. "sessions-identities". */
  readonly name: string;
  /** Applies the step; runs inside a transaction opened by the runner. */
  up(db: SqliteDatabase): void;
}

import { closeSync, openSync, statSync, writeSync } from 'node:fs';

/** SQLCipher's page size (SQLite's default, kept by cipher='sqlcipher' legacy=4). */
export const PAGE_SIZE = 4096;

/**
 * Overwrites page `page` (1-based, as SQLite counts) of a closed database file with bytes from a
 * fixed-seed generator: the damage a failing flash cell or a torn write leaves. Returns how many
 * pages the file has.
 */
export function corruptPage(file: string, page: number): number {
  const pages = Math.floor(statSync(file).size / PAGE_SIZE);
  if (page < 1 || page > pages) throw new Error(`${file} has ${pages} pages, no page ${page}`);
  let seed = page;
  const junk = Buffer.alloc(PAGE_SIZE).map(() => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  });
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, junk, 0, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  } finally {
    closeSync(fd);
  }
  return pages;
}

import { COMMUNES, DEPARTEMENTS } from './communes-fr.generated';

/**
 * The French communes a birthplace is looked up in (issue 21 item 2), from the compact index
 * generated from INSEE's Code officiel géographique (scripts/build-communes.ts, COG_PACKAGE):
 * current communes, Paris/Lyon/Marseille arrondissements, and delegated and associated communes
 * (the former communes merged since, under their own code: a patient born in one names it).
 *
 * NOT COVERED, said here because INSi compares the exact code: the INS birthplace is the commune's
 * code AT THE DATE OF BIRTH. A commune that disappeared before the package's COG year without
 * staying a delegated or associated commune (merged outright, renamed, or moved to another
 * département's code) is not found under its old name, and a current commune that took a former
 * commune's place is found only with its current code. The pharmacist completes such an identity
 * with the patient (it stays provisional until INSi answers).
 */
export interface Commune {
  code: string;
  name: string;
  /** The département's code and name, to tell homonyms apart ("Saint-Denis" is in 11, 30, 93, 974). */
  department: { code: string; name: string };
  kind: 'commune' | 'arrondissement' | 'delegated' | 'associated';
  /** For an arrondissement, a delegated or an associated commune: the current commune's name. */
  parent: string | null;
}

const KINDS = { c: 'commune', m: 'arrondissement', d: 'delegated', a: 'associated' } as const;

/** Each character's folded form, worked out once (the index folds about 480,000 characters). */
const FOLDED_CHARS = new Map<string, string>([
  ['Œ', 'OE'],
  ['œ', 'OE'],
  ['Æ', 'AE'],
  ['æ', 'AE'],
]);

function foldChar(char: string): string {
  let fold = FOLDED_CHARS.get(char);
  if (fold === undefined) {
    const base = char.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    fold = /^[A-Z0-9]+$/.test(base) ? base : ' ';
    FOLDED_CHARS.set(char, fold);
  }
  return fold;
}

/**
 * Upper case without accents, apostrophes or hyphens ("œ" as "OE"), spaces collapsed: "saint
 * etienne" finds "Saint-Étienne". Character by character from a table: parsing the index stays
 * quick on the kiosk (normalising each name took most of it).
 */
export function folded(text: string): string {
  let out = '';
  let space = true;
  for (const char of text) {
    const fold = foldChar(char);
    if (fold === ' ') {
      if (!space) out += ' ';
      space = true;
    } else {
      out += fold;
      space = false;
    }
  }
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}

interface Index {
  /** Each place's line split (`code|name|département|kind|parent`), biggest first. */
  rows: string[][];
  /** The folded name of each row, after a space, for word-start matches. */
  keys: string[];
  /** A code's row: the current commune's where a delegated commune shares its code. */
  byCode: Map<string, number>;
  departments: Map<string, string>;
  /** The current communes' names by code, for the parent of an arrondissement or a former commune. */
  names: Map<string, string>;
}

let index: Index | null = null;

/** Parsed on first use (about 37,500 lines), then kept: the kiosk looks up as the patient types. */
function communeIndex(): Index {
  if (index) return index;
  const departments = new Map(DEPARTEMENTS.split('\n').map((line) => line.split('|') as [string, string]));
  const rows = COMMUNES.split('\n').map((line) => line.split('|'));
  const keys = rows.map((row) => ` ${folded(row[1]!)}`);
  const byCode = new Map<string, number>();
  const names = new Map<string, string>([
    ['75056', 'Paris'],
    ['69123', 'Lyon'],
    ['13055', 'Marseille'],
  ]);
  rows.forEach(([code = '', name = '', , kind], i) => {
    if (kind === 'c') names.set(code, name);
    if (!byCode.has(code)) byCode.set(code, i);
  });
  index = { rows, keys, byCode, departments, names };
  return index;
}

function communeAt({ rows, departments, names }: Index, i: number): Commune {
  const [code = '', name = '', dep = '', kind = 'c', parent = ''] = rows[i]!;
  return {
    code,
    name,
    department: { code: dep, name: departments.get(dep) ?? dep },
    kind: KINDS[kind as keyof typeof KINDS],
    parent: kind !== 'c' && parent ? (names.get(parent) ?? null) : null,
  };
}

/**
 * The communes whose name is the typed text, then those whose name starts with it, then those with
 * a word starting with it; biggest first within each; at most `limit`.
 */
export function findCommunes(text: string, limit: number): Commune[] {
  const query = folded(text);
  if (query.length < 2) return [];
  const at = communeIndex();
  const exact: number[] = [];
  const starts: number[] = [];
  const words: number[] = [];
  const whole = ` ${query}`;
  at.keys.forEach((key, i) => {
    if (key === whole) exact.push(i);
    else if (key.startsWith(whole)) {
      if (starts.length < limit) starts.push(i);
    } else if (words.length < limit && key.includes(whole)) words.push(i);
  });
  return [...exact, ...starts, ...words].slice(0, limit).map((i) => communeAt(at, i));
}

/** Parses the index ahead of the first key typed (the no-NIR form calls it when it opens). */
export function prepareCommuneIndex(): void {
  communeIndex();
}

export function communeByCode(code: string): Commune | null {
  const at = communeIndex();
  const i = at.byCode.get(code);
  return i === undefined ? null : communeAt(at, i);
}

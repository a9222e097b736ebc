import { communeByCode, findCommunes, folded, type Commune } from './commune-index';

/**
 * Birthplaces the kiosk offers when a patient without an NIR types their identity: a commune (its
 * INSEE code) or, born abroad, a country (INSEE's 99xxx code). INSi compares the exact code.
 *
 * Communes: every commune of INSEE's Code officiel géographique of the year of the installed
 * @etalab/decoupage-administratif, with the arrondissements of Paris, Lyon and Marseille and the
 * delegated and associated communes (commune-index.ts, which says what it does not cover: a
 * commune gone before that year). Countries: a SUBSET typed from INSEE's country codes, the
 * countries of birth most common among foreign-born residents (no maintained list of INSEE country
 * codes is among the project's packages). A place not found is said plainly on screen: the
 * pharmacist completes the identity with the patient.
 */
export interface Birthplace {
  code: string;
  name: string;
  kind: 'commune' | 'country';
  /** What tells homonyms apart: the département, and the current commune of a former one. */
  detail?: string;
}

const COUNTRIES: [string, string][] = [
  ['99350', 'Maroc'],
  ['99352', 'Algérie'],
  ['99351', 'Tunisie'],
  ['99139', 'Portugal'],
  ['99134', 'Espagne'],
  ['99127', 'Italie'],
  ['99132', 'Royaume-Uni'],
  ['99109', 'Allemagne'],
  ['99131', 'Belgique'],
  ['99140', 'Suisse'],
  ['99341', 'Sénégal'],
  ['99335', 'Mali'],
  ['99326', "Côte d'Ivoire"],
  ['99322', 'Cameroun'],
  ['99208', 'Turquie'],
  ['99216', 'Chine'],
  ['99404', 'États-Unis'],
  ['99114', 'Roumanie'],
  ['99122', 'Pologne'],
  ['99155', 'Ukraine'],
];

const COUNTRY_PLACES: readonly Birthplace[] = COUNTRIES.map(([code, name]) => ({ code, name, kind: 'country' }));

function communePlace(c: Commune): Birthplace {
  const former = c.kind === 'delegated' || c.kind === 'associated' ? `${c.parent ?? ''} · ` : '';
  return {
    code: c.code,
    name: c.name,
    kind: 'commune',
    detail: `${former}${c.department.name} (${c.department.code})`,
  };
}

/** The name with what tells it apart, as the patient reads it in the list and once chosen. */
export function birthplaceLabel(place: Birthplace): string {
  return place.detail ? `${place.name} — ${place.detail}` : place.name;
}

/** The places of `kind` whose name is, starts with, or has a word starting with the typed text; at most `limit`. */
export function findBirthplaces(text: string, kind: Birthplace['kind'], limit = 6): Birthplace[] {
  if (kind === 'commune') return findCommunes(text, limit).map(communePlace);
  const query = folded(text);
  if (query.length < 2) return [];
  return COUNTRY_PLACES.filter((p) => {
    const name = folded(p.name);
    return name.startsWith(query) || name.includes(` ${query}`);
  }).slice(0, limit);
}

export function birthplaceByCode(code: string): Birthplace | null {
  if (code.startsWith('99')) return COUNTRY_PLACES.find((p) => p.code === code) ?? null;
  const commune = communeByCode(code);
  return commune ? communePlace(commune) : null;
}

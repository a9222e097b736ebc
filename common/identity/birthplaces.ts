/**
 * Birthplaces the kiosk offers when a patient without an NIR types their identity: a commune (its
 * INSEE code) or, born abroad, a country (INSEE's 99xxx code). INSi compares the exact code.
 *
 * A SUBSET, typed from INSEE's Code officiel géographique (COG) for the places most patients of a
 * pharmacy in France name: Paris, Marseille and Lyon by arrondissement (where births are
 * registered), the largest communes, overseas capitals, and the countries of birth most common
 * among foreign-born residents. The full COG (about 35,000 communes and every country, with their
 * history) is a file INSEE publishes; it was not available offline here. A place not listed is said
 * plainly on screen: the pharmacist completes the identity with the patient.
 */
export interface Birthplace {
  code: string;
  name: string;
  kind: 'commune' | 'country';
}

const ord = (n: number) => (n === 1 ? '1er' : `${n}e`);
const arrondissements = (city: string, first: number, count: number): Birthplace[] =>
  Array.from({ length: count }, (_, i) => ({
    code: String(first + i),
    name: `${city} ${ord(i + 1)} arrondissement`,
    kind: 'commune' as const,
  }));

const COMMUNES: [string, string][] = [
  ['31555', 'Toulouse'],
  ['06088', 'Nice'],
  ['44109', 'Nantes'],
  ['34172', 'Montpellier'],
  ['67482', 'Strasbourg'],
  ['33063', 'Bordeaux'],
  ['59350', 'Lille'],
  ['35238', 'Rennes'],
  ['51454', 'Reims'],
  ['42218', 'Saint-Étienne'],
  ['76351', 'Le Havre'],
  ['83137', 'Toulon'],
  ['38185', 'Grenoble'],
  ['21231', 'Dijon'],
  ['49007', 'Angers'],
  ['30189', 'Nîmes'],
  ['69266', 'Villeurbanne'],
  ['63113', 'Clermont-Ferrand'],
  ['72181', 'Le Mans'],
  ['13001', 'Aix-en-Provence'],
  ['29019', 'Brest'],
  ['37261', 'Tours'],
  ['80021', 'Amiens'],
  ['87085', 'Limoges'],
  ['66136', 'Perpignan'],
  ['57463', 'Metz'],
  ['25056', 'Besançon'],
  ['45234', 'Orléans'],
  ['76540', 'Rouen'],
  ['14118', 'Caen'],
  ['54395', 'Nancy'],
  ['2A004', 'Ajaccio'],
  ['2B033', 'Bastia'],
];

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

export const BIRTHPLACES: readonly Birthplace[] = [
  ...arrondissements('Paris', 75101, 20),
  ...arrondissements('Marseille', 13201, 16),
  ...arrondissements('Lyon', 69381, 9),
  ...COMMUNES.map(([code, name]) => ({ code, name, kind: 'commune' as const })),
  ...COUNTRIES.map(([code, name]) => ({ code, name, kind: 'country' as const })),
];

/** Upper case without accents or punctuation, so "saint etienne" finds "Saint-Étienne". */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** The places of `kind` whose name starts with (or has a word starting with) the typed text; at most `limit`. */
export function findBirthplaces(text: string, kind: Birthplace['kind'], limit = 6): Birthplace[] {
  const query = folded(text);
  if (query.length < 2) return [];
  return BIRTHPLACES.filter((p) => {
    if (p.kind !== kind) return false;
    const name = folded(p.name);
    return name.startsWith(query) || name.includes(` ${query}`);
  }).slice(0, limit);
}

export function birthplaceByCode(code: string): Birthplace | null {
  return BIRTHPLACES.find((p) => p.code === code) ?? null;
}

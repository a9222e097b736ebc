import type { Specialty } from '../common/flow/care-pathway';
import type { Lang, Translate } from './i18n';

/** Waiting time as "m:ss" (or "h:mm:ss" past an hour) from an ISO start and `now` (ms). */
export function formatWaiting(since: string, now: number): string {
  const start = Date.parse(since);
  if (Number.isNaN(start)) return '—';
  const total = Math.max(0, Math.floor((now - start) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A specialty's name in the console's language (its catalogue key is `specialty.<id>`). */
export const specialtyLabel = (specialty: Specialty, t: Translate): string => t(`specialty.${specialty}`);

/** "14:03:27" in Paris time (the doctor's reference), from an ISO time or ms. */
export function formatTime(at: string | number): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleTimeString('fr-FR', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** How long ago, from ms: "il y a 12 s" / "12 s ago", minutes past a minute, hours past an hour. */
export function formatAge(ms: number, t: Translate): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const amount = s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 3600)} h`;
  return t('time.ago', { amount });
}

/**
 * A number with `digits` decimals in the console's language ("36,9" in French, as the kiosk shows
 * it to the patient), "--" when there is none.
 */
export const formatValue = (n: number | null | undefined, digits = 0, lang: Lang = 'fr'): string =>
  n === null || n === undefined
    ? '--'
    : n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        useGrouping: false,
      });

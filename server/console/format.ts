import type { Specialty } from '../../common/flow/care-pathway';
import type { Lang } from './i18n';

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

const SPECIALTIES: Record<Lang, Record<Specialty, string>> = {
  fr: {
    'general-practice': 'Médecine générale',
    paediatrics: 'Pédiatrie',
    gynaecology: 'Gynécologie',
    ophthalmology: 'Ophtalmologie',
    psychiatry: 'Psychiatrie',
    stomatology: 'Stomatologie',
    dermatology: 'Dermatologie',
  },
  en: {
    'general-practice': 'General practice',
    paediatrics: 'Paediatrics',
    gynaecology: 'Gynaecology',
    ophthalmology: 'Ophthalmology',
    psychiatry: 'Psychiatry',
    stomatology: 'Stomatology',
    dermatology: 'Dermatology',
  },
};

export const specialtyLabel = (specialty: Specialty, lang: Lang): string => SPECIALTIES[lang][specialty];

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

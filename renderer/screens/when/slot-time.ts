/** A slot's day and time in France (the pharmacy's), in the patient's language. */
export function slotTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: 'Europe/Paris',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

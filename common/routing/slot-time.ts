/** One formatter per language: building an Intl.DateTimeFormat is the costly part. */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An appointment slot's day and time in France (the pharmacy's clock, whatever the server's zone),
 * in the reader's language: the kiosk's screens, the printed ticket and the reminders say it alike.
 */
export function slotTime(at: string | number, language: string): string {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      timeZone: 'Europe/Paris',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(language, format);
  }
  return format.format(new Date(at));
}

/** Calendar helpers shared by the flow, the call and the staff counters. All in UTC. */

/** The UTC day of an instant as YYYY-MM-DD. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Whole years between a YYYY-MM-DD birth date and `now`. A month or day written 00 (lunar birth
 * dates, found on Cartes Vitale) counts as the 1st; an unusable date gives 0; the result is kept
 * within 0–130 so a typing slip cannot put an absurd age in the doctor's queue.
 */
export function ageInYears(birthDate: string, now: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  if (!year) return 0;
  const birthMonth = month || 1;
  const birthDay = day || 1;
  const nowMonth = now.getUTCMonth() + 1;
  let age = now.getUTCFullYear() - year;
  if (nowMonth < birthMonth || (nowMonth === birthMonth && now.getUTCDate() < birthDay)) age -= 1;
  return Math.min(130, Math.max(0, age));
}

/**
 * The same instant `months` calendar months later (UTC); a day the target month lacks falls back
 * to its last day (31 January + 1 month → 28/29 February), so a due date never spills into the
 * month after.
 */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(ms);
  target.setUTCDate(1);
  target.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

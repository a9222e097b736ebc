import { systemClock, type Clock } from '../../common/util/clock';

/**
 * The clock the maintenance register is read on (due dates, the wizard's dates). A development or
 * test kiosk whose devices are all simulated may run it `KIOSK_SIMULATED_CLOCK_OFFSET_DAYS` ahead,
 * to see a calibration fall due without waiting a year; a kiosk with a real device ignores it, so
 * a stray variable can never move a real device's due date.
 */
export function maintenanceClock(env: NodeJS.ProcessEnv, allSimulated: boolean): Clock {
  const raw = env.KIOSK_SIMULATED_CLOCK_OFFSET_DAYS;
  if (raw === undefined || raw === '') return systemClock;
  const days = Number(raw);
  if (!Number.isInteger(days) || Math.abs(days) > 3660)
    throw new Error(`KIOSK_SIMULATED_CLOCK_OFFSET_DAYS: a whole number of days (at most 3660), not "${raw}"`);
  if (!allSimulated) return systemClock;
  const offset = days * 86_400_000;
  return { ...systemClock, now: () => systemClock.now() + offset };
}

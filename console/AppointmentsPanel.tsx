import { useCallback, useEffect, useState } from 'react';
import type { AppointmentListItem, SlotPlan } from '../common/routing/appointments';
import { AppointmentList } from './AppointmentList';
import { loadAppointments, publishPlan } from './appointments-api';
import { useT } from './i18n';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const DEFAULT_PLAN: SlotPlan = { lengthMinutes: 15, days: [1, 2, 3, 4, 5], from: '14:00', to: '17:00' };
/**
 * The doctor's appointments (issue 17 item 1): the bookable slots they publish (length, days,
 * hours, France's time) and their booked appointments, fetched again whenever the queue changes
 * (`refreshKey`: a patient who arrives or comes too late shows at once) and every 10 s.
 */
export function AppointmentsPanel({ refreshKey }: { refreshKey: unknown }) {
  const t = useT();
  const [plan, setPlan] = useState<SlotPlan>(DEFAULT_PLAN);
  const [items, setItems] = useState<AppointmentListItem[]>([]);
  const [notice, setNotice] = useState<'appt.published' | 'appt.failed' | null>(null);
  const reload = useCallback(() => {
    loadAppointments().then(
      (answer) => {
        if (answer.plan) setPlan(answer.plan);
        setItems(answer.appointments);
      },
      () => setNotice('appt.failed'),
    );
  }, []);
  useEffect(reload, [reload, refreshKey]);
  // A booking made at a kiosk or the counter changes no queue: looked at again every 10 s too.
  useEffect(() => {
    const timer = setInterval(reload, 10_000);
    return () => clearInterval(timer);
  }, [reload]);
  const publish = () =>
    publishPlan(plan).then(
      () => (setNotice('appt.published'), reload()),
      () => setNotice('appt.failed'),
    );
  return (
    <section aria-labelledby="appt-title" className="appointments" data-testid="appointments">
      <h2 id="appt-title">{t('appt.title')}</h2>
      <PlanForm plan={plan} onChange={setPlan} onPublish={() => void publish()} />
      {notice && <p data-testid="appt-notice">{t(notice)}</p>}
      <AppointmentList items={items} reload={reload} />
    </section>
  );
}

function PlanForm({ plan, onChange, onPublish }: { plan: SlotPlan; onChange(p: SlotPlan): void; onPublish(): void }) {
  const t = useT();
  const toggle = (day: number) =>
    onChange({
      ...plan,
      days: plan.days.includes(day) ? plan.days.filter((d) => d !== day) : [...plan.days, day].sort(),
    });
  return (
    <fieldset className="appt-plan">
      <legend>{t('appt.plan')}</legend>
      <label>
        {t('appt.length')}{' '}
        <input
          type="number"
          min={10}
          max={60}
          data-testid="appt-length"
          value={plan.lengthMinutes}
          onChange={(e) => onChange({ ...plan, lengthMinutes: Number(e.target.value) })}
        />
      </label>{' '}
      <label>
        {t('appt.from')}{' '}
        <input
          type="time"
          data-testid="appt-from"
          value={plan.from}
          onChange={(e) => onChange({ ...plan, from: e.target.value })}
        />
      </label>{' '}
      <label>
        {t('appt.to')}{' '}
        <input
          type="time"
          data-testid="appt-to"
          value={plan.to}
          onChange={(e) => onChange({ ...plan, to: e.target.value })}
        />
      </label>
      <div role="group" className="appt-days" aria-label={t('appt.days')}>
        {DAYS.map((day) => (
          <label key={day}>
            <input type="checkbox" checked={plan.days.includes(day)} onChange={() => toggle(day)} />{' '}
            {t(`appt.day.${day}`)}
          </label>
        ))}
      </div>
      <button type="button" data-testid="appt-publish" onClick={onPublish}>
        {t('appt.publish')}
      </button>
    </fieldset>
  );
}

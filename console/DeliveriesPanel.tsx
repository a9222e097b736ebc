import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from './i18n';
import type { DeliveriesApi, DeliveryView } from './deliveries-api';

/**
 * What left the platform for this consultation: the e-prescription and the report to the médecin
 * traitant, each delivered or not yet with the reason and a "try again" (the platform keeps trying
 * on its own too); and the form sending the report over MSSanté (refused plainly without the
 * patient's consent).
 */
export function DeliveriesPanel({ api }: { api: DeliveriesApi }) {
  const t = useT();
  const [items, setItems] = useState<DeliveryView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  // The parent makes a new api object each render: the latest is used, the polling is set up once.
  const latest = useRef(api);
  latest.current = api;
  const refresh = useCallback(async () => {
    const r = await latest.current.list();
    if (r.ok) setItems(r.value);
    setProblem(r.ok ? null : r.error);
  }, []);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 15_000);
    return () => clearInterval(timer);
  }, [refresh]);
  const act = async (action: Promise<{ ok: boolean; error?: string }>) => {
    const r = await action;
    await refresh();
    // After the refresh, so the action's refusal stays on screen.
    if (!r.ok) setProblem(r.error ?? null);
  };
  return (
    <section className="deliveries no-print" data-testid="deliveries">
      <h3>{t('deliveries.title')}</h3>
      <ul>
        {items.map((d) => (
          <li key={d.id} data-testid={`delivery-${d.kind}`} className={d.deliveredAtMs ? 'ok' : 'bad'}>
            {t(`deliveries.kind.${d.kind}`)} — {d.deliveredAtMs ? t('deliveries.sent') : t('deliveries.notSent')}
            {!d.deliveredAtMs && d.lastError && <span> : {d.lastError}</span>}
            {!d.deliveredAtMs && (
              <button type="button" onClick={() => void act(api.retry(d.id))}>
                {t('deliveries.retry')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <GpReportForm onSend={(address) => act(api.reportToGp(address))} />
      {problem && (
        <p className="bad" role="status" data-testid="deliveries-problem">
          {problem}
        </p>
      )}
    </section>
  );
}

function GpReportForm({ onSend }: { onSend(address: string): Promise<void> }) {
  const t = useT();
  const [address, setAddress] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSend(address.trim());
  };
  return (
    <form onSubmit={submit} data-testid="gp-report-form">
      <label>
        {t('deliveries.gpAddress')}
        <input type="email" required value={address} onChange={(e) => setAddress(e.target.value)} />
      </label>{' '}
      <button type="submit" disabled={address.trim() === ''}>
        {t('deliveries.sendToGp')}
      </button>
    </form>
  );
}

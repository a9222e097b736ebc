import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillingCounts } from '../common/pharmacy/billing';
import { BillingError, type BillingClient } from './billing-client';

/** The counts are read again this often (a consultation that ends shows within a minute). */
const COUNTS_REFRESH_MS = 60_000;

/** This month in France, YYYY-MM (the export's months are French calendar months). */
function currentMonth(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date()).slice(0, 7);
}

/**
 * The pharmacy's assisted teleconsultations: today's and this month's counts, and the month's
 * billing CSV to download (it holds the patients' NIRs: for the pharmacy's billing only).
 */
export function BillingPanel({ client }: { client: BillingClient }) {
  const { t } = useTranslation();
  const [counts, setCounts] = useState<BillingCounts | null>(null);
  const [month, setMonth] = useState(currentMonth);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const read = () => void client.counts().then(setCounts, () => setCounts(null));
    read();
    const timer = setInterval(read, COUNTS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [client]);

  const download = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await client.downloadMonth(month);
    } catch (error) {
      const refused = error instanceof BillingError && error.kind === 'refused';
      setFailure(refused ? t('billing.refused', { reason: error.message }) : t('billing.unreachable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="billing" aria-labelledby="billing-title" data-testid="billing">
      <h2 id="billing-title">{t('billing.title')}</h2>
      <p data-testid="billing-counts" data-today={counts?.today} data-month={counts?.month}>
        {counts ? t('billing.counts', { today: counts.today, month: counts.month }) : t('billing.countsUnavailable')}
      </p>
      <label>
        {t('billing.month')}{' '}
        <input type="month" data-testid="billing-month" value={month} onChange={(e) => setMonth(e.target.value)} />
      </label>
      <button type="button" data-testid="billing-download" disabled={busy || !month} onClick={() => void download()}>
        {t('billing.download')}
      </button>
      {failure && (
        <p role="alert" data-testid="billing-error">
          {failure}
        </p>
      )}
      <p className="billing-note">{t('billing.note')}</p>
    </section>
  );
}

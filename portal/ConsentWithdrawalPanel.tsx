import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentLine, ConsentsClient } from './consents-client';

/**
 * A patient withdraws a consent at the counter: the pharmacist types the number printed on their
 * ordonnance, sees each use as the patient answered it, and withdraws the one the patient names
 * (dated now on the platform). Another pharmacy's ordonnance is refused with the platform's reason.
 */
export function ConsentWithdrawalPanel({ client }: { client: ConsentsClient }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [lines, setLines] = useState<ConsentLine[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = async (event?: FormEvent) => {
    event?.preventDefault();
    const r = await client.list(number.trim());
    setLines(r.ok ? r.value : null);
    setProblem(r.ok ? null : r.reason);
  };
  const withdraw = async (use: string) => {
    const r = await client.withdraw(number.trim(), use);
    await load();
    if (!r.ok) setProblem(r.reason);
  };
  return (
    <section className="consents" aria-labelledby="consents-title" data-testid="consents">
      <h2 id="consents-title">{t('consents.title')}</h2>
      <form onSubmit={(e) => void load(e)}>
        <label>
          {t('consents.number')}
          <input value={number} onChange={(e) => setNumber(e.target.value)} placeholder="RX-2026-000123-7" />
        </label>{' '}
        <button type="submit" disabled={number.trim() === ''}>
          {t('consents.show')}
        </button>
      </form>
      {lines && (
        <ul>
          {lines
            .filter((l) => l.use !== 'teleconsultation')
            .map((l) => (
              <li key={l.use} data-testid={`consent-${l.use}`}>
                {t(`consents.use.${l.use}`)} —{' '}
                {!l.granted
                  ? t('consents.refused')
                  : l.withdrawnAt
                    ? t('consents.withdrawn', { date: new Date(l.withdrawnAt).toLocaleString() })
                    : t('consents.granted')}
                {l.granted && !l.withdrawnAt && (
                  <button type="button" onClick={() => void withdraw(l.use)}>
                    {t('consents.withdraw')}
                  </button>
                )}
              </li>
            ))}
        </ul>
      )}
      {problem && (
        <p className="notice" role="status" data-testid="consents-problem">
          {problem}
        </p>
      )}
    </section>
  );
}

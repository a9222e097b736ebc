import { useState, type FormEvent } from 'react';
import type { Result } from '../common/util/result';
import { useT } from './i18n';

export interface ShareFormProps {
  /** Shares with the colleague of this e-mail; the colleague's name, or the platform's reason. */
  onShare(email: string): Promise<Result<{ doctorName: string }, string>>;
}

/** Shares the consultation with a named colleague, and says whether it was shared (only once it was). */
export function ShareForm({ onShare }: ShareFormProps) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await onShare(email.trim());
    setBusy(false);
    setOutcome(result.ok ? { ok: true, text: result.value.doctorName } : { ok: false, text: result.error });
  };
  return (
    <form className="share no-print" data-testid="share-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('share.colleague')}
        <input
          type="email"
          required
          data-testid="share-email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>{' '}
      <button type="submit" data-testid="share-submit" disabled={busy || email.trim() === ''}>
        {t('share.submit')}
      </button>
      {outcome && (
        <p className={outcome.ok ? 'ok' : 'bad'} role="status" data-testid="share-outcome">
          {outcome.ok ? `${t('share.done')} ${outcome.text}` : `${t('share.refused')} : ${outcome.text}`}
        </p>
      )}
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInError } from './portal-connection';

/** E-mail and password of a pharmacist account; the error says whether it was refused or unreachable. */
export function SignIn({
  error,
  message,
  onSignIn,
}: {
  error: SignInError | null;
  message: string | null;
  onSignIn(email: string, password: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    void onSignIn(email, password).finally(() => setBusy(false));
  };
  return (
    <form className="sign-in" data-testid="portal-sign-in" onSubmit={submit}>
      <h2>{t('signIn.title')}</h2>
      <label>
        {t('signIn.email')}
        <input
          type="email"
          autoComplete="username"
          required
          value={email}
          data-testid="sign-in-email"
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        {t('signIn.password')}
        <input
          type="password"
          autoComplete="current-password"
          required
          value={password}
          data-testid="sign-in-password"
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert" data-testid="sign-in-error">
          {error === 'refused' ? t('signIn.refused', { reason: message ?? '' }) : t('signIn.unreachable')}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="sign-in-submit">
        {t('signIn.submit')}
      </button>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useT } from './i18n';

export interface SignInProps {
  onSignIn(email: string, password: string): Promise<void>;
  error: string | null;
}

export function SignIn({ onSignIn, error }: SignInProps) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    void onSignIn(email, password).finally(() => setBusy(false));
  };
  return (
    <form className="sign-in" onSubmit={submit} data-testid="sign-in">
      <h2>{t('signIn.title')}</h2>
      <label>
        {t('signIn.email')}
        <input
          type="email"
          autoComplete="username"
          required
          data-testid="sign-in-email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        {t('signIn.password')}
        <input
          type="password"
          autoComplete="current-password"
          required
          data-testid="sign-in-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p role="alert" className="bad" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <button type="submit" data-testid="sign-in-submit" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}

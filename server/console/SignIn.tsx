import { useState, type FormEvent } from 'react';
import { useT } from './i18n';

export interface SignInProps {
  onSignIn(email: string, password: string): Promise<void>;
  error: string | null;
}

/** The form's two labelled inputs; each label is `signIn.<name>` and each test id `sign-in-<name>`. */
const FIELDS = [
  { name: 'email', type: 'email', autoComplete: 'username' },
  { name: 'password', type: 'password', autoComplete: 'current-password' },
] as const;

export function SignIn({ onSignIn, error }: SignInProps) {
  const t = useT();
  const [values, setValues] = useState({ email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    void onSignIn(values.email, values.password).finally(() => setBusy(false));
  };
  return (
    <form className="sign-in" onSubmit={submit} data-testid="sign-in">
      <h2>{t('signIn.title')}</h2>
      {FIELDS.map(({ name, type, autoComplete }) => (
        <label key={name}>
          {t(`signIn.${name}` as const)}
          <input
            type={type}
            autoComplete={autoComplete}
            required
            data-testid={`sign-in-${name}`}
            value={values[name]}
            onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
          />
        </label>
      ))}
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

import { useState, type FormEvent } from 'react';
import type { SignInMethods } from '../common/signaling/doctor-sign-in';
import { PLATFORM_API } from '../common/signaling/fleet';
import { useT } from './i18n';

export interface SignInProps {
  /** What this platform offers: Pro Santé Connect in production; the password form only in development. */
  methods: SignInMethods;
  onSignIn(email: string, password: string): Promise<void>;
  error: string | null;
}

/** The form's two labelled inputs; each label is `signIn.<name>` and each test id `sign-in-<name>`. */
const FIELDS = [
  { name: 'email', type: 'email', autoComplete: 'username' },
  { name: 'password', type: 'password', autoComplete: 'current-password' },
] as const;

export function SignIn({ methods, onSignIn, error }: SignInProps) {
  const t = useT();
  return (
    <section className="sign-in" data-testid="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t('signIn.title')}</h2>
      {methods.proSanteConnect && (
        // A plain link: the platform's start route sends the browser on to Pro Santé Connect.
        <a className="psc-button" href={PLATFORM_API.pscStart} data-testid="sign-in-psc">
          <span className="psc-button-name">{t('signIn.psc')}</span>
          <span className="psc-button-hint">{t('signIn.pscHint')}</span>
        </a>
      )}
      {error && (
        <p role="alert" className="bad" data-testid="sign-in-error">
          {error}
        </p>
      )}
      {methods.password && <PasswordForm onSignIn={onSignIn} devOnly={methods.proSanteConnect} />}
    </section>
  );
}

function PasswordForm({ onSignIn, devOnly }: { onSignIn: SignInProps['onSignIn']; devOnly: boolean }) {
  const t = useT();
  const [values, setValues] = useState({ email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    void onSignIn(values.email, values.password).finally(() => setBusy(false));
  };
  return (
    <form className="sign-in-password" onSubmit={submit} data-testid="sign-in-form">
      {devOnly && <p className="sign-in-dev">{t('signIn.devPassword')}</p>}
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
      <button type="submit" data-testid="sign-in-submit" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}

import type { PatientIdentity } from '../../common/identity/identity';
import { useT } from './i18n';

export interface IdentityPanelProps {
  identity: PatientIdentity | null;
  /** null until the doctor decided; then what was sent to the platform. */
  verified: boolean | null;
  onVerify(verified: boolean): void;
}

/** The identity beside the patient's face, its source (card or typed), and the doctor's check. */
export function IdentityPanel({ identity, verified, onVerify }: IdentityPanelProps) {
  const t = useT();
  if (!identity)
    return (
      <section className="identity" data-testid="identity">
        <p>{t('identity.none')}</p>
      </section>
    );
  const [y, m, d] = identity.birthDate.split('-');
  return (
    <section className="identity" data-testid="identity" aria-label={t('identity.title')}>
      <p className="name" data-testid="identity-name">
        {identity.lastName} {identity.firstName}
      </p>
      <p>
        {d}/{m}/{y} · NIR {identity.nir}
      </p>
      <p
        className={identity.source === 'manual' ? 'warn' : 'meta'}
        data-testid="identity-source"
        data-source={identity.source}
      >
        {identity.source === 'card' ? t('identity.card') : t('identity.manual')}
      </p>
      {verified === null ? (
        <p>
          <button type="button" data-testid="identity-verify" onClick={() => onVerify(true)}>
            ✓ {t('identity.verify')}
          </button>{' '}
          <button type="button" data-testid="identity-mismatch" onClick={() => onVerify(false)}>
            {t('identity.mismatch')}
          </button>
        </p>
      ) : (
        <p data-testid="identity-status" className={verified ? 'ok' : 'bad'}>
          {verified ? `✓ ${t('identity.verified')}` : `⚠ ${t('identity.rejected')}`}
        </p>
      )}
    </section>
  );
}

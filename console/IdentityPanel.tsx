import type { PatientIdentity } from '../common/identity/identity';
import type { IdentityStatus } from '../common/identity/ins';
import { useT } from './i18n';

export interface IdentityPanelProps {
  identity: PatientIdentity | null;
  /** null until the doctor decided; then what was sent to the platform. */
  verified: boolean | null;
  onVerify(verified: boolean): void;
  /**
   * The identity's RNIV status and INS as the platform holds them (issue 21). Absent: what the kiosk
   * sent, which nobody has checked with INSi nor against a document, so it is provisional.
   */
  ins?: { status: IdentityStatus; ins: string | null; oid: string | null } | null;
}

/** The identity beside the patient's face, its source (card or typed), and the doctor's check. */
export function IdentityPanel({ identity, verified, onVerify, ins = null }: IdentityPanelProps) {
  const t = useT();
  if (!identity)
    return (
      <section className="identity" data-testid="identity">
        <p>{t('identity.none')}</p>
      </section>
    );
  const [y, m, d] = identity.birthDate.split('-');
  const status = ins?.status ?? 'provisional';
  // The INS is shown (and may be used) only for a qualified identity: RNIV's rule, as in the export.
  const qualified = status === 'qualified' && ins?.ins != null;
  return (
    <section className="identity" data-testid="identity" aria-label={t('identity.title')}>
      <p className="name" data-testid="identity-name">
        {identity.lastName} {identity.firstName}
      </p>
      <p>
        {d}/{m}/{y} · {qualified ? `INS ${ins.ins} (OID ${ins.oid})` : `NIR ${identity.nir}`}
      </p>
      <p className={qualified ? 'ok' : 'warn'} data-testid="identity-reliability" data-status={status}>
        {t(`identity.status.${status}`)}
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

import type { PatientIdentity } from '../common/identity/identity';
import type { IdentityCheckView } from '../common/identity/identity-check';
import { IdentityDocument, type IdentityStatus } from '../common/identity/ins';
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
  /** What identity vigilance holds (INSi's answer, the document checked), and how to record a document. */
  vigilance?: { view: IdentityCheckView | null; failed: boolean; checkDocument(kind: IdentityDocument): void };
}

/** The identity beside the patient's face, its source (card or typed), and the doctor's check. */
export function IdentityPanel({ identity, verified, onVerify, ins: given = null, vigilance }: IdentityPanelProps) {
  const t = useT();
  if (!identity)
    return (
      <section className="identity" data-testid="identity">
        <p>{t('identity.none')}</p>
      </section>
    );
  const ins = vigilance?.view?.identity ?? given;
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
        {d}/{m}/{y} ·{' '}
        {qualified ? `INS ${ins.ins} (OID ${ins.oid})` : identity.nir ? `NIR ${identity.nir}` : t('identity.noNir')}
      </p>
      <p className={qualified ? 'ok' : 'warn'} data-testid="identity-reliability" data-status={status}>
        {t(`identity.status.${status}`)}
      </p>
      {vigilance && <Vigilance {...vigilance} />}
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

/** INSi's answer said plainly, and the document the doctor checked on camera (or the buttons to record one). */
function Vigilance({ view, failed, checkDocument }: NonNullable<IdentityPanelProps['vigilance']>) {
  const t = useT();
  const document = view?.identity.document ?? null;
  return (
    <>
      <p className="meta" data-testid="identity-insi" data-insi={view?.insi?.kind ?? 'none'}>
        {failed ? t('identity.vigilanceUnreachable') : t(`identity.insi.${view?.insi?.kind ?? 'none'}`)}
      </p>
      {view &&
        (document ? (
          <p className="ok" data-testid="identity-document">
            {t('identity.documentChecked', { document: t(`identity.document.${document.kind}`) })}
          </p>
        ) : (
          <p className="identity-documents">
            {t('identity.checkWith')}{' '}
            {IdentityDocument.options.map((kind) => (
              <button
                type="button"
                key={kind}
                data-testid={`identity-check-${kind}`}
                onClick={() => checkDocument(kind)}
              >
                {t(`identity.document.${kind}`)}
              </button>
            ))}
          </p>
        ))}
    </>
  );
}

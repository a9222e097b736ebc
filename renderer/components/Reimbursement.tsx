import { useTranslation } from 'react-i18next';
import type { ReimbursementInfo } from '../../common/flow/care-pathway';
import { formatEuros } from './format';

/** The reimbursement the patient can expect, in % and euros, in plain words. */
export function Reimbursement({ info }: { info: ReimbursementInfo }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="message info" aria-labelledby="reimbursement-heading" data-testid="reimbursement">
      <h2 id="reimbursement-heading">{t('reimbursement.title')}</h2>
      <p>
        <span aria-hidden="true">{info.pathwayRespected ? '✔ ' : '⚠ '}</span>
        {info.pathwayRespected ? t('reimbursement.respected') : t('reimbursement.notRespected')}
      </p>
      <p>{t('reimbursement.rate', { percent: info.ratePercent })}</p>
      {info.participationForfaitaireEuros > 0 && (
        <p>
          {t('reimbursement.participation', { amount: formatEuros(info.participationForfaitaireEuros, i18n.language) })}
        </p>
      )}
    </section>
  );
}
